package dev.imagespec.runtime.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header: a scheme ({@code Bearer}, {@code Basic}) and its
 * parameters ({@code realm}, {@code service}, {@code scope}).
 *
 * <pre>{@code
 * List<AuthChallenge> cs = AuthChallenge.parse(
 *         "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\"");
 * cs.get(0).param("realm"); // Optional[https://auth.docker.io/token]
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1">RFC 9110, WWW-Authenticate</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">distribution token auth</a>
 */
public final class AuthChallenge {
    private final String scheme;
    private final Map<String, String> params;

    private AuthChallenge(String scheme, Map<String, String> params) {
        this.scheme = scheme;
        this.params = Map.copyOf(params);
    }

    /**
     * Every challenge in the header values, in order; unparseable parts are skipped.
     *
     * <pre>{@code
     * List<AuthChallenge> cs = AuthChallenge.parse("Basic realm=\"Registry Realm\"");
     * }</pre>
     */
    static List<AuthChallenge> parse(String headerValue) {
        return new Parser(headerValue).challenges();
    }

    /**
     * The challenges of several header lines, preferring {@code Bearer} over {@code Basic} as docker does.
     *
     * <pre>{@code
     * Optional<AuthChallenge> c = AuthChallenge.preferred(response.headers().allValues("WWW-Authenticate"));
     * }</pre>
     */
    public static Optional<AuthChallenge> preferred(List<String> headerValues) {
        List<AuthChallenge> all = new ArrayList<>();
        headerValues.forEach(v -> all.addAll(parse(v)));
        return all.stream()
                .filter(AuthChallenge::isBearer)
                .findFirst()
                .or(() -> all.stream().filter(AuthChallenge::isBasic).findFirst());
    }

    /**
     * The scheme in lower case.
     *
     * <pre>{@code
     * challenge.scheme(); // "bearer"
     * }</pre>
     */
    public String scheme() {
        return scheme;
    }

    /**
     * Whether this is a token-service challenge.
     *
     * <pre>{@code
     * if (challenge.isBearer()) { ... fetch a token from challenge.param("realm") ... }
     * }</pre>
     */
    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    /**
     * Whether this asks for HTTP Basic credentials.
     *
     * <pre>{@code
     * if (challenge.isBasic()) { ... send Authorization: Basic ... }
     * }</pre>
     */
    public boolean isBasic() {
        return scheme.equals("basic");
    }

    /**
     * A parameter by name (names are case-insensitive).
     *
     * <pre>{@code
     * String realm = challenge.param("realm").orElseThrow();
     * }</pre>
     */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The challenge as a header value would carry it.
     *
     * <pre>{@code
     * challenge.toString(); // Bearer realm="https://auth.example/token",service="example"
     * }</pre>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Character.toUpperCase(scheme.charAt(0)) + scheme.substring(1));
        String sep = " ";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
            sb.append(sep)
                    .append(e.getKey())
                    .append("=\"")
                    .append(e.getValue().replace("\"", "\\\""))
                    .append('"');
            sep = ",";
        }
        return sb.toString();
    }

    /** A small tokenizer for {@code challenge = scheme [ 1*SP ( token68 / #auth-param ) ]}. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> out = new ArrayList<>();
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skip(" \t,");
                if (pos >= s.length()) {
                    break;
                }
                String token = token();
                if (token.isEmpty()) {
                    pos++; // a stray character: skip it rather than loop forever
                    continue;
                }
                skip(" \t");
                if (scheme != null && isToken68End()) {
                    skip("="); // a token68 credential hint (as in Negotiate): no parameters to keep
                    continue;
                }
                if (pos < s.length() && s.charAt(pos) == '=' && scheme != null) {
                    pos++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                } else {
                    if (scheme != null) {
                        out.add(new AuthChallenge(scheme, params));
                    }
                    scheme = token.toLowerCase(Locale.ROOT);
                    params = new LinkedHashMap<>();
                }
            }
            if (scheme != null) {
                out.add(new AuthChallenge(scheme, params));
            }
            return out;
        }

        /** A token68 value such as {@code abc==} ends in '=' followed by a separator or the end. */
        private boolean isToken68End() {
            int p = pos;
            while (p < s.length() && s.charAt(p) == '=') {
                p++;
            }
            return p > pos + 1 && (p >= s.length() || s.charAt(p) == ',');
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && "=, \t\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String value() {
            if (pos < s.length() && s.charAt(pos) == '"') {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char c = s.charAt(pos++);
                    if (c == '\\' && pos < s.length()) {
                        c = s.charAt(pos++);
                    }
                    sb.append(c);
                }
                pos++; // closing quote
                return sb.toString();
            }
            return token();
        }

        private void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
