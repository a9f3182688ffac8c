package dev.imagespec.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.hash.TagFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The id and tag written straight into the hash buffer against the dict they were computed from
 * before ({@link SpecHasher#pythonDict}, then {@link PythonRepr#render}), on random specs with every
 * kind of field: nested base specs, recorded digests, registry configs, tag formats, typed options.
 */
class SpecHasherTest {
    @Test
    void idAndTagAreThoseOfTheDict() throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            SpecValues spec = random(r, 0);
            assertThat(SpecHasher.id(spec)).isEqualTo(md5(PythonRepr.render(SpecHasher.pythonDict(spec, true))));
            assertThat(SpecHasher.tag(spec)).isEqualTo(referenceTag(spec));
        }
    }

    @Test
    void aRecordedIdIsNotWhatTheTagHashes() {
        SpecValues spec = SpecValues.builder()
                .set(SpecField.NAME, "x")
                .recorded("recorded-id", null)
                .build();
        assertThat(spec.id()).isEqualTo("recorded-id");
        assertThat(spec.tag())
                .isEqualTo(SpecHasher.id(
                                SpecValues.builder().set(SpecField.NAME, "x").build())
                        .replace('-', '_'));
    }

    /** The tag as computed before: a LinkedHashMap of the tag's fields, rendered, then hashed. */
    private static String referenceTag(SpecValues spec) throws Exception {
        FileDigests files = spec.fileDigests();
        Map<String, Object> dict = new LinkedHashMap<>();
        for (SpecField field : SpecField.values()) {
            Object value = spec.get(field);
            if (value == null) {
                continue;
            }
            switch (field.hashing()) {
                case NONE, ID_ONLY -> {}
                case PLAIN -> dict.put(field.key(), value);
                case NESTED_SPEC -> dict.put(field.key(), value instanceof SpecValues base ? base.imageName() : value);
                case FILE_DIGEST -> {
                    String digest = files.digest(field.key());
                    dict.put(field.key(), digest != null ? digest : value);
                }
                default -> throw new AssertionError(field);
            }
        }
        String hash = md5(PythonRepr.render(dict)).replace('-', '_');
        String format = spec.string(SpecField.TAG_FORMAT).orElse(null);
        return format == null ? hash : TagFormat.apply(format, hash);
    }

    private static String md5(String text) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static SpecValues random(Random r, int depth) {
        SpecValues.Builder b = SpecValues.builder();
        b.set(SpecField.NAME, r.nextBoolean() ? "Task-" + r.nextInt(100) : null);
        if (r.nextBoolean()) {
            b.set(SpecField.PYTHON_VERSION, "3.1" + r.nextInt(3));
        }
        if (r.nextInt(3) == 0) {
            b.set(SpecField.ENV, Map.of("MODE", "m'" + r.nextInt(9)));
        }
        if (r.nextBoolean()) {
            b.set(SpecField.REGISTRY, "GHCR.io/acme" + r.nextInt(3));
        }
        b.set(SpecField.PACKAGES, r.nextBoolean() ? List.of("numpy==1." + r.nextInt(30), "p\u00e9\"x'") : null);
        if (r.nextInt(4) == 0) {
            b.set(SpecField.BUILDER, "default");
        }
        if (r.nextInt(4) == 0) {
            b.set(SpecField.REGISTRY_CONFIG, "/cfg.json");
        }
        if (r.nextInt(4) == 0) {
            b.set(SpecField.TAG_FORMAT, "{spec_hash}-dev");
        }
        if (r.nextInt(4) == 0) {
            b.set(SpecField.BUILDER_OPTIONS, Map.of("cpu", 2L, "mem", 4.5, "on", true));
        }
        if (r.nextInt(5) == 0) {
            b.set(SpecField.REQUIREMENTS, "requirements.txt");
            b.set(SpecField.COPY, List.of("conf"));
            b.recordedDigests(new FileDigests(r.nextBoolean() ? "5f1b" : null, "abc", null));
        }
        if (r.nextInt(6) == 0) {
            b.set(SpecField.SOURCE_COPY_MODE, CopyFileDetection.NO_COPY);
        }
        if (r.nextInt(6) == 0) {
            b.set(SpecField.PIP_SECRET_MOUNTS, List.of(new SecretMount(".netrc", "/root/.netrc")));
        }
        if (depth < 2 && r.nextInt(4) == 0) {
            b.set(SpecField.BASE_IMAGE, random(r, depth + 1));
        } else if (r.nextBoolean()) {
            b.set(SpecField.BASE_IMAGE, "python:3.11-slim");
        }
        return b.build();
    }
}
