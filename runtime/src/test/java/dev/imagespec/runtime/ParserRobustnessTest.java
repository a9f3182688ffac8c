package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.imagespec.runtime.packaging.AptPackageName;
import dev.imagespec.runtime.packaging.CondaMatchSpec;
import dev.imagespec.runtime.packaging.InvalidRequirementException;
import dev.imagespec.runtime.packaging.InvalidSpecifierException;
import dev.imagespec.runtime.packaging.InvalidVersionException;
import dev.imagespec.runtime.packaging.PythonVersions;
import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.packaging.RequirementsFile;
import dev.imagespec.runtime.packaging.Specifier;
import dev.imagespec.runtime.packaging.SpecifierSet;
import dev.imagespec.runtime.packaging.Version;
import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import dev.imagespec.runtime.text.InputText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parser, on hostile input, either parses or throws its own documented exception, in
 * time linear in the input (a 100k-character string well under the timeout), and round-trips
 * what it parses.
 */
class ParserRobustnessTest {

    /** Characters the grammars care about, so random strings reach deep into the parsers. */
    private static final String ALPHABET = "0123456789abcdeprvostlcnxABCVRP.!+-_*=<>~,;:/@[]() \t\n'\"\\#$%{}";

    /** Each parser with the only exception it may throw (null: a checker that must never throw). */
    static Stream<Named<Map.Entry<Consumer<String>, Class<? extends RuntimeException>>>> parsers() {
        return Stream.of(
                Named.of("Version", Map.entry(Version::parse, InvalidVersionException.class)),
                Named.of("Specifier", Map.entry(Specifier::parse, InvalidSpecifierException.class)),
                Named.of("SpecifierSet", Map.entry(SpecifierSet::parse, InvalidSpecifierException.class)),
                Named.of("Requirement", Map.entry(Requirement::parse, InvalidRequirementException.class)),
                Named.of("ImageReference", Map.entry(ImageReference::parse, InvalidImageReferenceException.class)),
                Named.of(
                        "ImageReference.normalized",
                        Map.entry(ImageReference::parseNormalized, InvalidImageReferenceException.class)),
                Named.of("RequirementsFile", Map.entry(s -> RequirementsFile.parse("r.txt", s), NeverThrown.class)),
                Named.of("CondaMatchSpec", Map.entry(s -> CondaMatchSpec.check(s), NeverThrown.class)),
                Named.of("AptPackageName", Map.entry(s -> AptPackageName.check(s), NeverThrown.class)),
                Named.of("PythonVersions", Map.entry(s -> PythonVersions.check(s), NeverThrown.class)));
    }

    /** Stands for "no exception allowed". */
    private static final class NeverThrown extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void hostileInputOnlyThrowsTheDocumentedException(
            Map.Entry<Consumer<String>, Class<? extends RuntimeException>> p) {
        List<String> inputs = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            inputs.add(String.valueOf(c));
            inputs.add("numpy" + c + "1.0");
            inputs.add("busybox:1" + c);
            inputs.add("1.0" + c);
        }
        inputs.add("\u007f");
        inputs.add("");
        Random random = new Random(440508);
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(24);
            for (int k = 0; k < length; k++) {
                s.append(
                        random.nextInt(20) == 0
                                ? (char) random.nextInt(0x3000)
                                : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            inputs.add(s.toString());
        }
        for (String input : inputs) {
            runGuarded(p, input);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void longInputsParseInLinearTime(Map.Entry<Consumer<String>, Class<? extends RuntimeException>> p) {
        int n = 100_000;
        List<String> inputs = List.of(
                "1".repeat(n),
                "1.".repeat(n / 2) + "1",
                "1.".repeat(n / 2),
                "a-".repeat(n / 2) + "a",
                "a-".repeat(n / 2),
                "a/".repeat(n / 2) + "a",
                "a" + "-".repeat(n) + "!",
                "a.".repeat(n / 2) + "a:1/b",
                " ".repeat(n) + "x",
                "1.0+" + "a.".repeat(n / 2),
                "pkg" + ">=1,".repeat(n / 4),
                "x; " + "(".repeat(n / 2),
                "x; " + "os_name=='a' and ".repeat(n / 20) + "os_name=='b'",
                "==" + "1.".repeat(n / 2) + "*",
                "===" + "x".repeat(n),
                "\\\n".repeat(n / 2),
                "# ".repeat(n / 2),
                "a_".repeat(n / 2) + "_");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String input : inputs) {
                // The faster of two runs, so that JIT warm-up on a shared machine is not counted.
                long best = Long.MAX_VALUE;
                for (int run = 0; run < 2; run++) {
                    long start = System.nanoTime();
                    runGuarded(p, input);
                    best = Math.min(best, System.nanoTime() - start);
                }
                assertThat(Duration.ofNanos(best))
                        .as("time for %s", input.substring(0, 20))
                        .isLessThan(Duration.ofSeconds(1));
            }
        });
    }

    private static void runGuarded(Map.Entry<Consumer<String>, Class<? extends RuntimeException>> p, String input) {
        try {
            p.getKey().accept(input);
        } catch (RuntimeException e) {
            assertThat(e).as("input %s", InputText.quote(input)).isInstanceOf(p.getValue());
            assertThat(e.getMessage())
                    .as("message for %s", InputText.quote(input))
                    .doesNotContain("\n");
        } catch (StackOverflowError e) {
            throw new AssertionError("stack overflow on " + InputText.quote(input), e);
        }
    }

    @Test
    void versionsRoundTripAndOrderTotally() {
        Random random = new Random(7);
        List<Version> versions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String text = randomVersion(random);
            Version v = Version.parse(text);
            assertThat(Version.parse(v.toString())).as(text).isEqualTo(v).hasSameHashCodeAs(v);
            assertThat(v.toString())
                    .as(text)
                    .isEqualTo(Version.parse(v.toString()).toString());
            versions.add(v);
        }
        for (Version a : versions) {
            for (Version b : versions) {
                int ab = a.compareTo(b);
                assertThat(Integer.signum(ab)).isEqualTo(-Integer.signum(b.compareTo(a)));
                assertThat(ab == 0).isEqualTo(a.equals(b));
                if (ab == 0) {
                    assertThat(a.hashCode()).isEqualTo(b.hashCode());
                }
            }
        }
        List<Version> sorted = new ArrayList<>(versions);
        sorted.sort(null);
        for (int i = 0; i + 2 < sorted.size(); i += 3) {
            // Transitivity on sorted neighbours and across the list.
            assertThat(sorted.get(i)).isLessThanOrEqualTo(sorted.get(i + 2));
            assertThat(sorted.get(0)).isLessThanOrEqualTo(sorted.get(i));
        }
    }

    private static String randomVersion(Random r) {
        StringBuilder s = new StringBuilder(r.nextInt(4) == 0 ? "v" : "");
        if (r.nextInt(6) == 0) {
            s.append(r.nextInt(3)).append('!');
        }
        int parts = 1 + r.nextInt(4);
        for (int i = 0; i < parts; i++) {
            s.append(i == 0 ? "" : ".").append(r.nextInt(4) == 0 ? 0 : r.nextInt(12));
        }
        String[] pre = {"", "a", "b", "rc", "c", "alpha", "beta", "pre", "preview", "-RC", ".a"};
        String[] post = {"", ".post", "-post", "post", ".rev", "-r", "-"};
        s.append(pre[r.nextInt(pre.length)]);
        if (s.charAt(s.length() - 1) < '0' || s.charAt(s.length() - 1) > '9') {
            s.append(r.nextInt(3));
        }
        String p = post[r.nextInt(post.length)];
        s.append(p);
        if (!p.isEmpty()) {
            s.append(r.nextInt(3));
        }
        if (r.nextBoolean()) {
            s.append(r.nextBoolean() ? ".dev" : "_DEV").append(r.nextInt(3));
        }
        if (r.nextInt(3) == 0) {
            s.append('+').append(r.nextBoolean() ? "ubuntu" : "7").append(r.nextBoolean() ? "_01" : ".Cu121");
        }
        return s.toString();
    }

    @Test
    void specifierSetsAndRequirementsRoundTrip() {
        String[] texts = {"", ">=1.0", "~=1.4.5, !=1.4.7", "==1.0.*,<2", "===foo", "<= 3 , > 1.0.post1", "==1.0+local"};
        for (String text : texts) {
            SpecifierSet set = SpecifierSet.parse(text);
            assertThat(SpecifierSet.parse(set.toString())).as(text).isEqualTo(set);
            assertThat(SpecifierSet.parse(set.toString()).toString()).isEqualTo(set.toString());
        }
        String[] requirements = {
            "a",
            "Foo_Bar[x, y]>=1; extra == 'Dev_Tools'",
            "pkg @ https://x/p.whl ; os_name=='nt'",
            "pkg (>=1.0, <2) ; (python_version < '3.9' or sys.platform == \"win32\") and extra=='t'",
            "x; 'a' not in platform_machine",
            "x; python_implementation == 'CPython'"
        };
        for (String text : requirements) {
            Requirement r = Requirement.parse(text);
            assertThat(Requirement.parse(r.toString())).as(text).isEqualTo(r);
            assertThat(Requirement.parse(r.toString()).toString()).isEqualTo(r.toString());
        }
    }

    @Test
    void imageReferencesRoundTrip() {
        Random random = new Random(11);
        String[] domains = {"", "ghcr.io/", "localhost:5000/", "[::1]:5000/", "Registry.Example.com/", "docker.io/"};
        // No '.' or ':' in a first path element: familiar() would then read as a domain, as in Docker.
        String[] paths = {"a", "acme/app", "a__b/c-d", "xy/z--w.v", "library/busybox"};
        for (int i = 0; i < 200; i++) {
            String text = domains[random.nextInt(domains.length)]
                    + paths[random.nextInt(paths.length)]
                    + (random.nextBoolean() ? ":v" + random.nextInt(100) : "")
                    + (random.nextBoolean() ? "@sha256:" + "ab".repeat(32) : "");
            ImageReference ref = ImageReference.parse(text);
            assertThat(ref.toString()).isEqualTo(text);
            assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
            ImageReference normalized = ref.normalized();
            assertThat(normalized.normalized()).isEqualTo(normalized);
            assertThat(ImageReference.parseNormalized(normalized.familiar())).isEqualTo(normalized);
        }
    }
}
