package dev.imagespec.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rules that {@code build()} runs for every spec answer common values without a pattern or a
 * rendering; these fast paths must say exactly what the full rules say, on random values built from
 * the characters that matter to each grammar.
 */
class FastPathsTest {
    private static final String REGISTRY_CHARS = "az09AZ._-:/@ \u00e9\u0661\u00b2\u212a";
    private static final String[] REGISTRY_PARTS = {
        "localhost",
        ":5000",
        ":123456",
        "ghcr.io",
        "/acme",
        "/",
        "//",
        "-",
        ".",
        "_",
        "a",
        "Z",
        "9",
        ":",
        "https://",
        "@sha256"
    };

    @Test
    void registryNamesAsThePatternSays() {
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(6); k >= 0; k--) {
                if (r.nextBoolean()) {
                    s.append(REGISTRY_PARTS[r.nextInt(REGISTRY_PARTS.length)]);
                } else {
                    s.append(REGISTRY_CHARS.charAt(r.nextInt(REGISTRY_CHARS.length())));
                }
            }
            String name = s.toString();
            assertThat(RegistryRules.isContainerRegistryName(name))
                    .as(name)
                    .isEqualTo(RegistryRules.matchesPattern(name));
        }
    }

    private static final String[] TAG_PARTS = {
        "{spec_hash}",
        "{",
        "}",
        "{{",
        "}}",
        "{spec",
        "-",
        ".",
        "_",
        "a",
        "Z",
        "9",
        "dev",
        " ",
        "\u00e9",
        "x".repeat(50),
        "{other}"
    };

    @Test
    void tagFormatsAsTheFullRulesSay() {
        Random r = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(8); k >= 0; k--) {
                s.append(TAG_PARTS[r.nextInt(TAG_PARTS.length)]);
            }
            String format = s.toString();
            ValidationReport.Collector fast = ValidationReport.collector();
            TagFormatRules.check(format, fast);
            ValidationReport.Collector full = ValidationReport.collector();
            TagFormatRules.checkRendered(format, full);
            assertThat(fast.report()).as(format).isEqualTo(full.report());
        }
    }
}
