"""Writes pyyaml-scalars.json: how PyYAML's safe_load (what flytekit reads spec files with) types plain
scalars, and how Python's str() prints the result inside a dict, as flytekit hashes builder_options.

Run from this directory: python3 pyyaml-scalars.py (PyYAML 6.0.3 computed the checked-in file)."""
import json
import yaml

SCALARS = [
    "1", "-1", "+1", "0", "-0", "007", "08", "09", "0o17", "0x1F", "0x_1F", "-0x1f", "0b101", "0b1_1", "1_000",
    "1:30", "-1:30", "190:20:30", "1.5", "1.", ".5", "-.5", "+.5", "._5", "1_0.5", "1.5e+3", "1.5E-3", "1.5e3",
    "1e3", "1E+3", "1:30.5", "1.5:30", ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", ".nan", ".NaN", ".NAN",
    "nan", "inf", "-inf", "NaN", "Infinity", "yes", "Yes", "YES", "no", "No", "on", "off", "On", "OFF", "y", "n",
    "Y", "true", "True", "TRUE", "false", "tRue", "null", "Null", "NULL", "~", "", "nULL", "None", "0.1", "0.30000000000000004",
    "1e400", "1.0e+400", "-1.0e+400", "123456789012345678901234567890", "3.10", "3.1", "2024-01-01",
    "12:30:45", "1_", "_1", "0_", "+0", "0.0", "-0.0", "=", "<<", "a b", "1 2", "0x", "0b", "'quoted'",
]


def main():
    cases = []
    for s in SCALARS:
        text = "v: " + s + "\n"
        try:
            value = yaml.safe_load(text)["v"]
        except Exception as e:  # noqa: BLE001 - recorded as a refusal
            cases.append({"yaml": s, "error": type(e).__name__})
            continue
        cases.append({"yaml": s, "type": type(value).__name__, "str_in_dict": str({"v": value})})
    with open("pyyaml-scalars.json", "w", encoding="utf-8") as f:
        json.dump({"source": "PyYAML " + yaml.__version__ + " safe_load, Python str()", "cases": cases}, f, indent=1)
        f.write("\n")


main()
