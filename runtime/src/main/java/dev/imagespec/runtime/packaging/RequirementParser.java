package dev.imagespec.runtime.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for PEP 508 dependency specifiers that reads tokens exactly where
 * {@code packaging}'s tokenizer reads them (same token rules, same order of attempts), so it
 * accepts and rejects the same strings. Every token is scanned by hand in one pass.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">PEP 508 dependency specifiers</a>
 */
final class RequirementParser {

    /** What a successful parse found; the marker is already in packaging's printed form. */
    record Parsed(String name, List<String> extras, String specifier, String url, String marker) {}

    /** A marker comparison, {@code lhs op rhs}; a variable is kept bare, a value as {@code Value}. */
    private record Item(Object lhs, String op, Object rhs) {}

    /** A quoted marker value, printed in double quotes. */
    private record Value(String text) {}

    /** Marker variables in the order packaging's VARIABLE rule tries them. */
    private static final String[] VARIABLES = {
        "python_version",
        "python_full_version",
        "os.name",
        "os_name",
        "sys.platform",
        "sys_platform",
        "platform_release",
        "platform_system",
        "platform.version",
        "platform_version",
        "platform.machine",
        "platform_machine",
        "platform.python_implementation",
        "platform_python_implementation",
        "python_implementation",
        "implementation_name",
        "implementation_version",
        "extras",
        "extra",
        "dependency_groups",
    };

    private static final String[] MARKER_OPS = {"===", "==", "~=", "!=", "<=", ">=", "<", ">"};

    /**
     * Deepest parenthesis nesting accepted in a marker. packaging recurses without a limit of its
     * own and fails with Python's RecursionError near depth 1000; we stop earlier with a clear message.
     */
    static final int MAX_MARKER_DEPTH = 100;

    private final String s;
    private int pos;
    private int depth;

    private RequirementParser(String s) {
        this.s = s;
    }

    static Parsed parseRequirement(String text) {
        return new RequirementParser(text).requirement();
    }

    private Parsed requirement() {
        ws();
        int nameEnd = identifier();
        if (nameEnd < 0) {
            throw fail("expected a package name at the start");
        }
        String name = take(nameEnd);
        ws();
        List<String> extras = extras();
        ws();
        String specifier = "";
        String url = null;
        List<Object> marker = null;
        if (at('@')) {
            pos++;
            ws();
            int urlStart = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            if (pos == urlStart) {
                throw fail("expected a URL after @");
            }
            url = s.substring(urlStart, pos);
            if (!atEnd()) {
                if (!ws()) {
                    throw fail("expected whitespace after the URL");
                }
                if (!atEnd()) {
                    marker = requirementMarker("a semicolon (after URL and whitespace)");
                }
            }
        } else {
            specifier = specifier();
            ws();
            if (!atEnd()) {
                marker = requirementMarker(
                        specifier.isEmpty()
                                ? "a semicolon (after name with no version specifier)"
                                : "a comma (within version specifier), a semicolon (after version specifier)");
            }
        }
        if (!atEnd()) {
            throw fail("expected the end of the requirement");
        }
        return new Parsed(name, extras, specifier, url, marker == null ? null : format(normalizeExtras(marker), true));
    }

    private List<Object> requirementMarker(String expected) {
        if (!at(';')) {
            throw fail("expected " + expected + " or the end");
        }
        pos++;
        List<Object> marker = marker();
        ws();
        return marker;
    }

    private List<String> extras() {
        List<String> extras = new ArrayList<>();
        if (!at('[')) {
            return extras;
        }
        int open = pos++;
        ws();
        int end = identifier();
        if (end >= 0) {
            extras.add(take(end));
            while (true) {
                ws();
                if (identifier() >= 0) {
                    throw fail("expected a comma between extra names");
                }
                if (!at(',')) {
                    break;
                }
                pos++;
                ws();
                end = identifier();
                if (end < 0) {
                    throw fail("expected an extra name after the comma");
                }
                extras.add(take(end));
            }
        }
        ws();
        if (!at(']')) {
            throw failAt(open, "expected ] to close the [ of the extras");
        }
        pos++;
        return extras;
    }

    private String specifier() {
        int open = at('(') ? pos++ : -1;
        ws();
        StringBuilder specs = new StringBuilder();
        int end;
        while ((end = specifierToken(pos)) >= 0) {
            specs.append(take(end));
            if (s.startsWith(".*", pos)) {
                throw fail("a .* suffix can only be used with == or !=");
            }
            if (at('+') && pos + 1 < s.length() && isLowerAlphanumeric(s.charAt(pos + 1))) {
                throw fail("a local version label can only be used with == or !=");
            }
            ws();
            if (!at(',')) {
                break;
            }
            specs.append(',');
            pos++;
            ws();
        }
        ws();
        if (open >= 0) {
            if (!at(')')) {
                throw failAt(open, "expected ) to close the ( of the version specifier");
            }
            pos++;
        }
        return specs.toString();
    }

    /** End of the SPECIFIER token at {@code p}, or -1: operator, optional whitespace, version. */
    private int specifierToken(int p) {
        Specifier.Operator operator = Specifier.operatorOf(s.substring(p, Math.min(s.length(), p + 3)));
        if (operator == null) {
            return -1;
        }
        int v = VersionSyntax.skipSpace(s, p + operator.symbol().length(), s.length());
        if (operator == Specifier.Operator.ARBITRARY) {
            while (v < s.length()
                    && s.charAt(v) != ';'
                    && s.charAt(v) != ')'
                    && !VersionSyntax.isPythonSpace(s.charAt(v))) {
                v++;
            }
            return v;
        }
        VersionSyntax.Parts parts = VersionSyntax.scan(s, v, s.length(), Specifier.modeOf(operator));
        return parts == null ? -1 : parts.end;
    }

    private List<Object> marker() {
        List<Object> expression = new ArrayList<>();
        expression.add(markerAtom());
        String op;
        while ((op = keyword("or", "and")) != null) {
            pos += op.length();
            expression.add(op);
            expression.add(markerAtom());
        }
        return expression;
    }

    private Object markerAtom() {
        ws();
        Object atom;
        if (at('(')) {
            int open = pos++;
            if (++depth > MAX_MARKER_DEPTH) {
                throw failAt(open, "the marker nests parentheses more than " + MAX_MARKER_DEPTH + " deep");
            }
            ws();
            atom = marker();
            depth--;
            ws();
            if (!at(')')) {
                throw failAt(open, "expected ) to close the ( of the marker expression");
            }
            pos++;
        } else {
            ws();
            Object lhs = markerVar();
            ws();
            String op = markerOp();
            ws();
            Object rhs = markerVar();
            ws();
            atom = new Item(lhs, op, rhs);
        }
        ws();
        return atom;
    }

    private Object markerVar() {
        for (String variable : VARIABLES) {
            if (s.startsWith(variable, pos) && boundaryAt(pos) && boundaryAt(pos + variable.length())) {
                pos += variable.length();
                String name = variable.replace('.', '_');
                return name.equals("python_implementation") ? "platform_python_implementation" : name;
            }
        }
        if (at('\'') || at('"')) {
            int close = s.indexOf(s.charAt(pos), pos + 1);
            if (close > 0) {
                String literal = s.substring(pos + 1, close);
                int start = pos;
                pos = close + 1;
                return new Value(PythonStringLiteral.decode(
                        literal, () -> failAt(start, "the quoted string is not a valid Python string literal")));
            }
        }
        throw fail("expected a marker variable (such as python_version) or a quoted string");
    }

    private String markerOp() {
        if (keyword("in") != null) {
            pos += 2;
            return "in";
        }
        if (keyword("not") != null) {
            pos += 3;
            if (!ws()) {
                throw fail("expected whitespace after 'not'");
            }
            if (keyword("in") == null) {
                throw fail("expected 'in' after 'not'");
            }
            pos += 2;
            return "not in";
        }
        for (String op : MARKER_OPS) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw fail("expected a marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }

    /** The first of {@code words} at the position with a word boundary on both sides, or null. */
    private String keyword(String... words) {
        for (String word : words) {
            if (s.startsWith(word, pos) && boundaryAt(pos) && boundaryAt(pos + word.length())) {
                return word;
            }
        }
        return null;
    }

    /** packaging's IDENTIFIER, {@code \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b}: its end, or -1. */
    private int identifier() {
        if (pos >= s.length() || !VersionSyntax.isAlphanumeric(s.charAt(pos)) || !boundaryAt(pos)) {
            return -1;
        }
        int end = pos + 1;
        while (end < s.length()
                && (VersionSyntax.isAlphanumeric(s.charAt(end)) || VersionSyntax.isSeparator(s.charAt(end)))) {
            end++;
        }
        // The regex gives characters back until it stands on a word boundary.
        while (end > pos && !boundaryAt(end)) {
            end--;
        }
        return end > pos ? end : -1;
    }

    /** Python's {@code \b}: a word character on exactly one side of {@code p}. */
    private boolean boundaryAt(int p) {
        boolean before = p > 0 && isWord(s.charAt(p - 1));
        boolean after = p < s.length() && isWord(s.charAt(p));
        return before != after;
    }

    private static boolean isWord(char c) {
        int type = Character.getType(c);
        return c == '_'
                || Character.isLetterOrDigit(c)
                || type == Character.OTHER_NUMBER
                || type == Character.LETTER_NUMBER;
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || VersionSyntax.isDigit(c);
    }

    /** packaging's WS token, {@code [ \t]+}; true if it consumed any. */
    private boolean ws() {
        int start = pos;
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
        return pos > start;
    }

    /** Python's {@code $}: the end, or just before a final newline. */
    private boolean atEnd() {
        return pos == s.length() || (pos == s.length() - 1 && s.charAt(pos) == '\n');
    }

    private boolean at(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private String take(int end) {
        String token = s.substring(pos, end);
        pos = end;
        return token;
    }

    private InvalidRequirementException fail(String expected) {
        return failAt(pos, expected);
    }

    private InvalidRequirementException failAt(int position, String expected) {
        return new InvalidRequirementException(s, position, expected);
    }

    /** packaging normalizes the value compared with {@code extra}, at the top level only. */
    private static List<Object> normalizeExtras(List<Object> marker) {
        List<Object> out = new ArrayList<>(marker.size());
        for (Object element : marker) {
            if (element instanceof Item item) {
                if ("extra".equals(item.lhs())) {
                    element = new Item(item.lhs(), item.op(), new Value(Requirement.canonicalName(text(item.rhs()))));
                } else if ("extra".equals(item.rhs())) {
                    element = new Item(new Value(Requirement.canonicalName(text(item.lhs()))), item.op(), item.rhs());
                }
            }
            out.add(element);
        }
        return out;
    }

    private static String text(Object var) {
        return var instanceof Value value ? value.text() : (String) var;
    }

    /** packaging's {@code _format_marker}: nested groups in parentheses, values in double quotes. */
    private static String format(Object marker, boolean first) {
        if (marker instanceof List<?> list) {
            if (list.size() == 1 && (list.get(0) instanceof List || list.get(0) instanceof Item)) {
                return format(list.get(0), true);
            }
            List<String> inner = new ArrayList<>();
            for (Object element : list) {
                inner.add(format(element, false));
            }
            String joined = String.join(" ", inner);
            return first ? joined : "(" + joined + ")";
        }
        if (marker instanceof Item item) {
            return serialize(item.lhs()) + " " + item.op() + " " + serialize(item.rhs());
        }
        return (String) marker;
    }

    private static String serialize(Object var) {
        return var instanceof Value value ? "\"" + value.text() + "\"" : (String) var;
    }
}
