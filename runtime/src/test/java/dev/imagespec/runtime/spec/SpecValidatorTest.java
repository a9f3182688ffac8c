package dev.imagespec.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.ValidationReport;
import dev.imagespec.testing.Vectors;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * That the fast path of {@code build()} cannot miss a rule: every rule class's {@code WORST} is
 * what it can say at worst (checked on hostile and real values), so {@link SpecValidator#errors}
 * runs every rule that can say ERROR; and each of them makes {@code build()} and the YAML reader throw.
 */
class SpecValidatorTest {

    /** One spec per rule that can say ERROR, breaking it. A new ERROR rule must add its case here. */
    private static final Map<SpecValidator.Rule, Supplier<ImageSpec.Builder>> ERROR_CASES = new EnumMap<>(Map.of(
            SpecValidator.Rule.REGISTRY, () -> ImageSpec.builder().registry("https://ghcr.io/acme"),
            SpecValidator.Rule.TAG_FORMAT, () -> ImageSpec.builder().tagFormat("{oops}"),
            SpecValidator.Rule.SOURCE_COPY_MODE, () -> ImageSpec.builder().sourceCopyMode(CopyFileDetection.ALL)));

    @Test
    void everyRuleSaysNothingWorseThanItsClassDeclares() {
        List<SpecValues> specs = corpus();
        Set<SpecValidator.Rule> sawError = EnumSet.noneOf(SpecValidator.Rule.class);
        for (SpecValues spec : specs) {
            for (SpecValidator.Rule rule : SpecValidator.Rule.values()) {
                ValidationReport.Collector out = ValidationReport.collector();
                rule.check(spec, out);
                for (Problem p : out.report().problems()) {
                    assertThat(p.severity().compareTo(rule.worst()))
                            .as("%s said %s", rule, p)
                            .isGreaterThanOrEqualTo(0);
                    assertThat(SpecField.fromMember(p.field()))
                            .as("field of %s", p)
                            .isPresent();
                    if (p.severity() == Severity.ERROR) {
                        sawError.add(rule);
                    }
                }
            }
            assertThat(SpecValidator.packages(spec).hasErrors()).isFalse();
            assertThat(SpecValidator.errors(spec))
                    .isEqualTo(ValidationReport.of(SpecValidator.validate(spec).errors()));
        }
        // the declarations are not needlessly pessimistic either: each ERROR rule does say ERROR
        assertThat(sawError).containsAll(ERROR_CASES.keySet());
    }

    @Test
    void everyRuleThatCanSayErrorMakesBuildThrow() {
        Set<SpecValidator.Rule> canError = EnumSet.noneOf(SpecValidator.Rule.class);
        for (SpecValidator.Rule rule : SpecValidator.Rule.values()) {
            if (rule.worst() == Severity.ERROR) {
                canError.add(rule);
            }
        }
        assertThat(ERROR_CASES.keySet())
                .as("a case per rule that can say ERROR")
                .isEqualTo(canError);
        ERROR_CASES.forEach((rule, spec) -> {
            assertThatThrownBy(() -> spec.get().build()).as("%s", rule).isInstanceOf(InvalidImageSpecException.class);
            Map<String, Object> map =
                    SpecMapper.toMap(spec.get().buildCompiled().values(), false);
            assertThatThrownBy(() -> SpecMapper.fromMap(map, null, "spec.yaml"))
                    .as("%s from a map", rule)
                    .isInstanceOf(InvalidImageSpecException.class);
        });
    }

    @Test
    void strictAndWarningProblemsStillBuild() {
        ImageSpec spec = ImageSpec.builder()
                .name("Bad Name")
                .platform("plan10/z80")
                .baseImage("python")
                .build();
        assertThat(spec.problems())
                .extracting(Problem::severity)
                .containsExactly(Severity.STRICT, Severity.WARNING, Severity.STRICT);
        assertThat(SpecValidator.buildBlockers(spec.values()).problems()).hasSize(2);
    }

    /** Paths and URLs (in packages or the requirements file) name no package to compare, and never make the cross rules throw. */
    @Test
    void crossPackageRulesSkipPathsAndUrls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("requirements.txt"),
                "./local/pkg\nhttps://x.example/p-1.0.tar.gz\n" + "tomli; python_version < \"3.11\"\n");
        String wandb = "git+https://github.com/flyteorg/flytekit.git@master#subdirectory=plugins/flytekit-wandb";
        ImageSpec spec = ImageSpec.builder()
                .name("x")
                .baseDir(dir)
                .pythonVersion("3.12")
                .requirements("requirements.txt")
                .packages(wandb, "numpy==1.26.4 --hash=sha256:" + "a".repeat(64), "numpy<1.5")
                .build();
        assertThat(SpecValidator.validate(spec.values()).problems()).isEmpty();
        assertThat(SpecValidator.packages(spec.values()).problems())
                .extracting(Problem::message)
                .satisfiesExactly(
                        path -> assertThat(path).contains("\"./local/pkg\" is a path or URL"),
                        url -> assertThat(url).contains("is a path or URL"),
                        conflict -> assertThat(conflict)
                                .startsWith("packages[2]: package numpy is named twice")
                                .contains("\"numpy==1.26.4\" (packages[1])"),
                        marker -> assertThat(marker).contains("which pythonVersion \"3.12\" never is"));
    }

    /** Specs whose every field holds one hostile or real value, plus the flytekit vector specs. */
    private static List<SpecValues> corpus() {
        List<String> values = new ArrayList<>(List.of(
                "",
                " ",
                "numpy",
                "numpy>=",
                "3.12",
                "3.1O",
                "linux/amd64",
                "linux/amd64,linux/arm64",
                "https://ghcr.io/acme",
                "ghcr.io/acme/",
                "ghcr.io/acme:v1",
                "{spec_hash}",
                "{oops}",
                "{",
                "}",
                "latest",
                "python",
                "python:3.11",
                "a\0b",
                "a\nb",
                "\u2028",
                "..",
                "/abs",
                "Curl",
                "x".repeat(300),
                "conda-forge::numpy",
                "12.1",
                "--pre",
                "$(id)",
                "é"));
        Random random = new Random(7);
        String alphabet = "0123456789abcdeprvostlcnxABCVRP.!+-_*=<>~,;:/@[]() \t\n'\"\\#$%{}";
        for (int i = 0; i < 150; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
        }
        List<SpecValues> specs = new ArrayList<>();
        for (String v : values) {
            for (CopyFileDetection mode : new CopyFileDetection[] {
                null, CopyFileDetection.ALL, CopyFileDetection.LOADED_MODULES, CopyFileDetection.NO_COPY
            }) {
                specs.add(everyField(v, mode, false));
                specs.add(everyField(v, mode, true));
            }
        }
        for (JsonNode c : Vectors.read("flytekit-imagespec.json").get("specs")) {
            try {
                specs.add(SpecMapper.fromDescriptorMap(Vectors.fields(c), null, "vector", null, null));
            } catch (IllegalArgumentException e) {
                // a vector flytekit rejects while reading the map: no values to validate
            }
        }
        return specs;
    }

    private static SpecValues everyField(String v, CopyFileDetection mode, boolean sparse) {
        SpecValues.Builder b = SpecValues.builder();
        for (SpecField f : SpecField.values()) {
            if (sparse && f.ordinal() % 2 == 0 && f != SpecField.SOURCE_COPY_MODE) {
                continue;
            }
            switch (f.type()) {
                case STRING, IMAGE_OR_SPEC -> b.set(f, v);
                case STRING_LIST -> b.set(f, List.of(v, "ok"));
                case STRING_MAP -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put(v, v);
                    b.set(f, m);
                }
                case SECRET_MOUNTS -> b.set(f, List.of(new SecretMount(v, v)));
                case COPY_MODE -> {
                    if (mode != null) {
                        b.set(f, mode);
                    }
                }
                case TYPED_MAP -> b.set(f, Map.of("k", v));
                default -> throw new AssertionError(f);
            }
        }
        return b.build();
    }
}
