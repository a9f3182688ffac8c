package dev.imagespec.runtime.reference;

import static dev.imagespec.runtime.text.InputText.quote;

import dev.imagespec.runtime.reference.InvalidImageReferenceException.Reason;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Docker/OCI image reference, {@code [domain/]path[:tag][@digest]}, parsed exactly as docker
 * and containerd parse it (the {@code distribution/reference} package).
 *
 * <p>{@code ImageReference.parse("ghcr.io/acme/app:v1")} has domain {@code ghcr.io}, path
 * {@code acme/app} and tag {@code v1}; {@code ImageReference.parseNormalized("busybox")} is
 * {@code docker.io/library/busybox}.
 *
 * <p>{@link #parse} keeps the reference as written: the first path element counts as the domain
 * whenever it is a valid host name ({@code library/busybox} has domain {@code library}), exactly
 * as {@code reference.Parse} does. {@link #parseNormalized} applies Docker's defaults
 * ({@code reference.ParseNormalizedNamed}).
 *
 * <p>The grammar is matched piece by piece (split at {@code @}, the tag colon and the first
 * slash) with possessive patterns, so parsing takes time linear in the input.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">distribution/reference grammar</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public final class ImageReference {

    /** Docker Hub's domain, which {@link #parseNormalized} supplies when none is written. */
    public static final String DOCKER_HUB = "docker.io";

    /** Longest repository path distribution/reference accepts ({@code RepositoryNameTotalLengthMax}). */
    public static final int MAX_PATH_LENGTH = 255;

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final String LOCALHOST = "localhost";

    /** {@code tag := [\w][\w.-]{0,127}} (regexp.go {@code tag}; {@code \w} is ASCII). */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /**
     * {@code path-component := [a-z0-9]+ (separator [a-z0-9]+)*} with
     * {@code separator := [_.] | __ | [-]+} (regexp.go {@code pathComponent}).
     */
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+");

    /**
     * {@code domain-name := domain-component ('.' domain-component)*} with
     * {@code domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]} (regexp.go {@code domainName}).
     */
    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*+");

    /** {@code ipv6address := \[ [a-fA-F0-9:]+ \]} (regexp.go {@code ipv6address}). */
    private static final Pattern IPV6_ADDRESS = Pattern.compile("\\[[a-fA-F0-9:]++]");

    /** {@code port-number := [0-9]+} (regexp.go {@code optionalPort}). */
    private static final Pattern PORT = Pattern.compile("[0-9]++");

    /**
     * {@code digest := algorithm ":" hex} with algorithm components {@code [A-Za-z][A-Za-z0-9]*}
     * joined by {@code [-_+.]} and at least 32 hex digits (regexp.go {@code digestPat}).
     */
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*+(?:[-_+.][A-Za-z][A-Za-z0-9]*+)*+:[0-9a-fA-F]{32,}+");

    /**
     * Any well-formed digest, supported or not: {@code [a-z0-9]+([.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+}
     * (go-digest {@code DigestRegexpAnchored}); decides "unsupported" against "invalid format".
     */
    private static final Pattern WELL_FORMED_DIGEST =
            Pattern.compile("[a-z0-9]++(?:[.+_-][a-z0-9]++)*+:[a-zA-Z0-9=_-]++");

    /** {@code identifier := [a-f0-9]{64}} (regexp.go {@code anchoredIdentifierRegexp}): an image ID. */
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    /** The hex part of a digest of a supported algorithm: lower-case only (go-digest {@code anchoredEncodedRegexps}). */
    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]++");

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private ImageReference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference as written, without Docker Hub defaults ({@code reference.Parse}).
     *
     * <p>{@code parse("localhost:5000/x:tag")} has domain {@code localhost:5000}, path {@code x},
     * tag {@code tag}.
     *
     * @param reference the text, e.g. {@code "ghcr.io/acme/app:v1@sha256:…"}
     * @return the parsed reference
     * @throws InvalidImageReferenceException if it does not follow the grammar
     * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">reference.Parse</a>
     */
    public static ImageReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty()) {
            throw new InvalidImageReferenceException(
                    reference,
                    Reason.NAME_EMPTY,
                    "image reference \"\" is empty; write a repository name such as \"ubuntu:22.04\"");
        }
        Split split = Split.of(reference);
        if (split.problem != null) {
            throw invalidFormat(reference, split);
        }
        if (split.path.length() > MAX_PATH_LENGTH) {
            throw new InvalidImageReferenceException(
                    reference,
                    Reason.NAME_TOO_LONG,
                    "image reference " + quote(reference) + " has a repository path of "
                            + split.path.length() + " characters; the limit is " + MAX_PATH_LENGTH
                            + "; shorten it, e.g. \"ghcr.io/acme/app\"");
        }
        if (split.digest != null) {
            checkDigest(reference, split.digest);
        }
        return new ImageReference(split.domain, split.path, split.tag, split.digest);
    }

    /**
     * Parses a reference with Docker's defaults ({@code reference.ParseNormalizedNamed}): no
     * domain means Docker Hub, {@code index.docker.io} becomes {@code docker.io}, and a
     * single-element Docker Hub path gets {@code library/}.
     *
     * <p>{@code parseNormalized("busybox:1.36")} is {@code docker.io/library/busybox:1.36}.
     *
     * @param reference the text as a user would give it to {@code docker pull}
     * @return the normalized reference
     * @throws InvalidImageReferenceException if it does not follow the grammar, or is a bare
     *     64-character hex image ID ({@link Reason#CANNOT_BE_64_HEX})
     * @see <a href="https://github.com/distribution/reference/blob/main/normalize.go">reference.ParseNormalizedNamed</a>
     */
    public static ImageReference parseNormalized(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (IMAGE_ID.matcher(reference).matches()) {
            throw new InvalidImageReferenceException(
                    reference,
                    Reason.CANNOT_BE_64_HEX,
                    "image reference " + quote(reference) + " is a 64-character hex string, which Docker"
                            + " reserves for image IDs; name the repository instead, e.g. \"myimage@sha256:"
                            + reference + "\"");
        }
        String[] domainAndRemainder = splitDockerDomain(reference);
        String remainder = domainAndRemainder[1];
        int tagColon = remainder.indexOf(':');
        String remote = tagColon < 0 ? remainder : remainder.substring(0, tagColon);
        if (!lowerCase(remote).equals(remote)) {
            throw new InvalidImageReferenceException(
                    reference,
                    Reason.NAME_CONTAINS_UPPERCASE,
                    "image reference " + quote(reference) + " must be lower-case in its repository path "
                            + quote(remote) + "; write " + quote(lowerCase(reference)));
        }
        try {
            return parse(domainAndRemainder[0] + "/" + remainder);
        } catch (InvalidImageReferenceException e) {
            // Report the text the user wrote, not the one with the defaults filled in.
            throw new InvalidImageReferenceException(
                    reference, e.reason(), e.getMessage().replace(quote(e.input()), quote(reference)));
        }
    }

    /**
     * Whether {@code tag} is a valid tag: {@code [\w][\w.-]{0,127}}.
     *
     * <p>{@code isValidTag("1.36")} is true, {@code isValidTag(".hidden")} false.
     *
     * @param tag the tag without its colon
     * @return true if docker accepts it as a tag
     * @see <a href="https://github.com/distribution/reference/blob/main/regexp.go">regexp.go tag</a>
     */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /**
     * Whether {@code digest} is a digest docker accepts in a reference: well formed, of a
     * supported algorithm (sha256, sha384, sha512) and with lower-case hex of the right length.
     *
     * <p>{@code isValidDigest("sha256:" + "a".repeat(64))} is true, {@code isValidDigest("md5:…")} false.
     *
     * @param digest the digest without its {@code @}
     * @return true if {@code repo@digest} would parse
     * @see <a href="https://github.com/opencontainers/go-digest/blob/master/digest.go">go-digest Validate</a>
     */
    public static boolean isValidDigest(String digest) {
        return digest != null && DIGEST.matcher(digest).matches() && digestProblem(digest) == null;
    }

    /**
     * Whether {@code digest} is well formed, of any algorithm: {@code algorithm ":" encoded} as the
     * OCI image spec and go-digest define it. A registry answers with digests of this form;
     * {@link #isValidDigest} is the narrower set docker accepts in a reference.
     *
     * <p>{@code isWellFormedDigest("sha256:" + "a".repeat(64))} and {@code isWellFormedDigest("md5:x")} are true.
     *
     * @param digest the digest without its {@code @}
     * @return true if it is well formed
     * @see <a href="https://github.com/opencontainers/go-digest/blob/master/digest.go">go-digest DigestRegexp</a>
     */
    public static boolean isWellFormedDigest(String digest) {
        return digest != null && WELL_FORMED_DIGEST.matcher(digest).matches();
    }

    /**
     * Whether {@code path} is a repository path: slash-separated components of lower-case
     * letters and digits joined by {@code .}, {@code _}, {@code __} or dashes, at most
     * {@value #MAX_PATH_LENGTH} characters.
     *
     * <p>{@code isValidRepositoryPath("acme/app")} is true, {@code isValidRepositoryPath("Acme/app")} false.
     *
     * @param path the path without domain, tag or digest
     * @return true if it is a valid remote name
     * @see <a href="https://github.com/distribution/reference/blob/main/regexp.go">regexp.go remoteName</a>
     */
    public static boolean isValidRepositoryPath(String path) {
        return path != null && path.length() <= MAX_PATH_LENGTH && isRemoteName(path);
    }

    /**
     * The domain (host and optional port) as written, empty when the reference names none.
     *
     * <p>{@code parse("localhost:5000/x").domain()} is {@code Optional.of("localhost:5000")};
     * {@code parse("busybox").domain()} is empty (the vectors write {@code ""}).
     *
     * @return the domain, if any
     */
    public Optional<String> domain() {
        return domain.isEmpty() ? Optional.empty() : Optional.of(domain);
    }

    /**
     * The repository path after the domain; {@code parse("ghcr.io/acme/app:v1").path()} is {@code acme/app}.
     *
     * @return the path, never empty
     */
    public String path() {
        return path;
    }

    /**
     * The tag, if written; {@code parse("busybox:1.36").tag()} is {@code Optional.of("1.36")}.
     *
     * @return the tag without its colon
     */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /**
     * The digest, if written; {@code parse("repo@sha256:aa…").digest()} is {@code Optional.of("sha256:aa…")}.
     *
     * @return the digest without its {@code @}
     */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /**
     * The repository: domain, slash and path, or the path alone when there is no domain.
     *
     * <p>{@code parse("ghcr.io/acme/app:v1").repository()} is {@code ghcr.io/acme/app}.
     *
     * @return the name without tag and digest
     */
    public String repository() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    /**
     * This reference with Docker's defaults applied ({@link #parseNormalized} of {@link #toString}).
     *
     * <p>{@code parse("library/busybox").normalized()} is {@code docker.io/library/busybox}.
     *
     * @return the normalized reference
     * @throws InvalidImageReferenceException if Docker's rules reject it, e.g. a bare 64-hex name
     */
    public ImageReference normalized() {
        return parseNormalized(toString());
    }

    /**
     * The short form docker shows ({@code reference.FamiliarString}): Docker Hub's domain and an
     * official image's {@code library/} are left out.
     *
     * <p>{@code parse("docker.io/library/busybox:1").familiar()} is {@code busybox:1}.
     *
     * @return the familiar text of this reference
     * @see <a href="https://github.com/distribution/reference/blob/main/normalize.go">FamiliarString</a>
     */
    public String familiar() {
        String shown = repository();
        if (domain.equals(DOCKER_HUB)) {
            shown = path;
            if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
                shown = path.substring(OFFICIAL_PREFIX.length());
            }
        }
        return withTagAndDigest(shown);
    }

    /**
     * The reference as text, the inverse of {@link #parse}: {@code [domain/]path[:tag][@digest]}.
     *
     * <p>{@code ImageReference.parse(s).toString().equals(s)} for every valid {@code s}.
     *
     * @return the reference text
     */
    @Override
    public String toString() {
        return withTagAndDigest(repository());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImageReference other)) {
            return false;
        }
        return domain.equals(other.domain)
                && path.equals(other.path)
                && Objects.equals(tag, other.tag)
                && Objects.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, path, tag, digest);
    }

    private String withTagAndDigest(String name) {
        StringBuilder out = new StringBuilder(name);
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /** The reference split into its parts, or the first rule a part broke. */
    private static final class Split {
        String domain = "";
        String path;
        String tag;
        String digest;
        String problem;

        static Split of(String s) {
            Split split = new Split();
            int at = s.indexOf('@');
            String left = at < 0 ? s : s.substring(0, at);
            if (at >= 0) {
                split.digest = s.substring(at + 1);
                if (!DIGEST.matcher(split.digest).matches()) {
                    return split.fail("its digest " + quote(split.digest) + " must be algorithm:hex with at"
                            + " least 32 hex digits, e.g. \"sha256:" + "0".repeat(64) + "\"");
                }
            }
            // A tag follows the last colon, but only after the last slash: a colon before it is a port.
            int colon = left.lastIndexOf(':');
            String name = left;
            if (colon > left.lastIndexOf('/')) {
                name = left.substring(0, colon);
                split.tag = left.substring(colon + 1);
                if (!TAG.matcher(split.tag).matches()) {
                    return split.fail("its tag " + quote(split.tag) + " must be 1 to 128 of letters, digits,"
                            + " '_', '.' and '-', not starting with '.' or '-', e.g. \"v1.2\"");
                }
            }
            return split.name(name);
        }

        private Split name(String name) {
            int slash = name.indexOf('/');
            // Like the leftmost-first regex: the first element is a domain whenever it can be one.
            if (slash >= 0 && isDomain(name.substring(0, slash)) && isRemoteName(name.substring(slash + 1))) {
                domain = name.substring(0, slash);
                path = name.substring(slash + 1);
                return this;
            }
            if (isRemoteName(name)) {
                path = name;
                return this;
            }
            return fail("its repository name " + quote(name) + " must be [host[:port]/]path, each path"
                    + " element lower-case letters and digits joined by '.', '_', '__' or '-',"
                    + " e.g. \"ghcr.io/acme/app\"");
        }

        private Split fail(String why) {
            problem = why;
            return this;
        }
    }

    private static InvalidImageReferenceException invalidFormat(String reference, Split split) {
        String lower = lowerCase(reference);
        if (!lower.equals(reference) && Split.of(lower).problem == null) {
            return new InvalidImageReferenceException(
                    reference,
                    Reason.NAME_CONTAINS_UPPERCASE,
                    "image reference " + quote(reference) + " must be lower-case in its repository path;" + " write "
                            + quote(lowerCaseName(reference)));
        }
        return new InvalidImageReferenceException(
                reference,
                Reason.REFERENCE_INVALID_FORMAT,
                "image reference " + quote(reference) + " is not a valid reference: " + split.problem);
    }

    /** Lower-cases only the name, keeping a tag's capitals, when that alone makes it valid. */
    private static String lowerCaseName(String reference) {
        int at = reference.indexOf('@');
        String left = at < 0 ? reference : reference.substring(0, at);
        int colon = left.lastIndexOf(':');
        int nameEnd = colon > left.lastIndexOf('/') ? colon : left.length();
        String candidate = lowerCase(reference.substring(0, nameEnd)) + reference.substring(nameEnd);
        return Split.of(candidate).problem == null ? candidate : lowerCase(reference);
    }

    private static void checkDigest(String reference, String digest) {
        Reason reason = digestProblem(digest);
        if (reason == null) {
            return;
        }
        String algorithm = digest.substring(0, digest.indexOf(':'));
        String why = switch (reason) {
            case DIGEST_UNSUPPORTED ->
                "its digest algorithm " + quote(algorithm) + " is not supported; use sha256, sha384 or sha512";
            case DIGEST_INVALID_LENGTH ->
                "its " + algorithm + " digest has "
                        + (digest.length() - algorithm.length() - 1) + " hex digits; it must have "
                        + 2 * hashBytes(algorithm);
            default -> "its digest " + quote(digest) + " must be lower-case hex";
        };
        throw new InvalidImageReferenceException(
                reference,
                reason,
                "image reference " + quote(reference) + " is not valid: " + why + ", e.g. \"busybox@sha256:"
                        + "0".repeat(64) + "\"");
    }

    /** go-digest's {@code Validate}: null when docker accepts the digest. */
    private static Reason digestProblem(String digest) {
        int colon = digest.indexOf(':');
        if (colon <= 0 || colon + 1 == digest.length()) {
            return Reason.DIGEST_INVALID_FORMAT;
        }
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int bytes = hashBytes(algorithm);
        if (bytes == 0) {
            return WELL_FORMED_DIGEST.matcher(digest).matches()
                    ? Reason.DIGEST_UNSUPPORTED
                    : Reason.DIGEST_INVALID_FORMAT;
        }
        if (hex.length() != 2 * bytes) {
            return Reason.DIGEST_INVALID_LENGTH;
        }
        return LOWER_HEX.matcher(hex).matches() ? null : Reason.DIGEST_INVALID_FORMAT;
    }

    private static int hashBytes(String algorithm) {
        return switch (algorithm) {
            case "sha256" -> 32;
            case "sha384" -> 48;
            case "sha512" -> 64;
            default -> 0;
        };
    }

    private static boolean isDomain(String domain) {
        String host = domain;
        String port = null;
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = domain.substring(0, close + 1);
            if (close + 1 < domain.length()) {
                if (domain.charAt(close + 1) != ':') {
                    return false;
                }
                port = domain.substring(close + 2);
            }
            if (!IPV6_ADDRESS.matcher(host).matches()) {
                return false;
            }
        } else {
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                host = domain.substring(0, colon);
                port = domain.substring(colon + 1);
            }
            if (!DOMAIN_NAME.matcher(host).matches()) {
                return false;
            }
        }
        return port == null || PORT.matcher(port).matches();
    }

    private static boolean isRemoteName(String name) {
        int start = 0;
        while (true) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            if (!PATH_COMPONENT.matcher(name).region(start, end).matches()) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    /** normalize.go {@code splitDockerDomain}: [domain, remainder]. */
    private static String[] splitDockerDomain(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return new String[] {DOCKER_HUB, OFFICIAL_PREFIX + name};
        }
        String maybeDomain = name.substring(0, slash);
        String domain;
        String remainder;
        if (maybeDomain.equals(LEGACY_DOCKER_HUB)) {
            domain = DOCKER_HUB;
            remainder = name.substring(slash + 1);
        } else if (maybeDomain.equals(LOCALHOST)
                || maybeDomain.contains(".")
                || maybeDomain.contains(":")
                || !lowerCase(maybeDomain).equals(maybeDomain)) {
            domain = maybeDomain;
            remainder = name.substring(slash + 1);
        } else {
            domain = DOCKER_HUB;
            remainder = name;
        }
        if (domain.equals(DOCKER_HUB) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        return new String[] {domain, remainder};
    }

    /** Go's {@code strings.ToLower}: simple per-character case mapping, unlike {@link String#toLowerCase}. */
    private static String lowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }
}
