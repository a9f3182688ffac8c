package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import dev.imagespec.runtime.reference.InvalidImageReferenceException.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "docker.io/library/busybox:1, busybox:1",
        "docker.io/acme/app, acme/app",
        "docker.io/library/a/b, library/a/b",
        "ghcr.io/acme/app:v1, ghcr.io/acme/app:v1",
        "busybox, busybox",
    })
    void familiarDropsDockerHubDefaults(String reference, String familiar) {
        assertThat(ImageReference.parse(reference).familiar()).isEqualTo(familiar);
    }

    @Test
    void normalizedAndRepository() {
        ImageReference ref = ImageReference.parse("library/busybox:1@" + SHA);
        assertThat(ref.domain()).contains("library");
        assertThat(ref.repository()).isEqualTo("library/busybox");
        ImageReference normalized = ref.normalized();
        assertThat(normalized.toString()).isEqualTo("docker.io/library/busybox:1@" + SHA);
        assertThat(normalized.familiar()).isEqualTo("busybox:1@" + SHA);
        assertThat(ImageReference.parseNormalized("busybox").domain()).isEqualTo(Optional.of("docker.io"));
        assertThat(ImageReference.parseNormalized("localhost/x").repository()).isEqualTo("localhost/x");
    }

    @Test
    void uppercaseMessageQuotesInputAndGivesLowerCaseExample() {
        assertThatThrownBy(() -> ImageReference.parse("Ubuntu:22.04"))
                .isInstanceOfSatisfying(InvalidImageReferenceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NAME_CONTAINS_UPPERCASE);
                    assertThat(e.getMessage())
                            .isEqualTo("image reference \"Ubuntu:22.04\" must be lower-case"
                                    + " in its repository path; write \"ubuntu:22.04\"");
                });
        // The tag may hold capitals; the example keeps them.
        assertThatThrownBy(() -> ImageReference.parse("Acme/App:V1")).hasMessageEndingWith("write \"acme/app:V1\"");
    }

    @Test
    void invalidFormatNamesTheBrokenPart() {
        assertThatThrownBy(() -> ImageReference.parse("repo:ta g"))
                .hasMessageContaining("tag \"ta g\"")
                .hasMessageContaining("e.g. \"v1.2\"");
        assertThatThrownBy(() -> ImageReference.parse("re..po")).hasMessageContaining("repository name \"re..po\"");
        assertThatThrownBy(() -> ImageReference.parse("busybox\nRUN x")).hasMessageContaining("\"busybox\\nRUN x\"");
    }

    @Test
    void digestReasons() {
        assertThat(reason("repo@sha256:" + "a".repeat(65))).isEqualTo(Reason.DIGEST_INVALID_LENGTH);
        assertThat(reason("repo@sha384:" + "a".repeat(96 - 1))).isEqualTo(Reason.DIGEST_INVALID_LENGTH);
        assertThat(reason("repo@MD5:" + "a".repeat(32))).isEqualTo(Reason.DIGEST_INVALID_FORMAT);
        assertThat(reason("repo@sha1:" + "a".repeat(40))).isEqualTo(Reason.DIGEST_UNSUPPORTED);
        assertThat(ImageReference.parse("repo@sha384:" + "b".repeat(96)).digest())
                .isPresent();
    }

    @Test
    void tooLongPathAndEmpty() {
        assertThat(reason("a/" + "b".repeat(256))).isEqualTo(Reason.NAME_TOO_LONG);
        assertThat(ImageReference.parse("a/" + "b".repeat(255)).path()).hasSize(255);
        assertThat(reason("")).isEqualTo(Reason.NAME_EMPTY);
        assertThatThrownBy(() -> ImageReference.parseNormalized("")).isInstanceOf(InvalidImageReferenceException.class);
    }

    @Test
    void predicates() {
        assertThat(ImageReference.isValidTag("1.36")).isTrue();
        assertThat(ImageReference.isValidTag("_x")).isTrue();
        assertThat(ImageReference.isValidTag(".hidden")).isFalse();
        assertThat(ImageReference.isValidTag("a".repeat(128))).isTrue();
        assertThat(ImageReference.isValidTag("a".repeat(129))).isFalse();
        assertThat(ImageReference.isValidTag("")).isFalse();
        assertThat(ImageReference.isValidDigest(SHA)).isTrue();
        assertThat(ImageReference.isValidDigest("sha256:" + "A".repeat(64))).isFalse();
        assertThat(ImageReference.isValidDigest("md5:" + "a".repeat(32))).isFalse();
        assertThat(ImageReference.isValidRepositoryPath("acme/app")).isTrue();
        assertThat(ImageReference.isValidRepositoryPath("Acme/app")).isFalse();
        assertThat(ImageReference.isValidRepositoryPath("a__b/c-d.e")).isTrue();
        assertThat(ImageReference.isValidRepositoryPath("a/" + "b".repeat(254))).isFalse();
        assertThat(ImageReference.isValidRepositoryPath(null)).isFalse();
    }

    @Test
    void valueEquality() {
        assertThat(ImageReference.parse("x:1"))
                .isEqualTo(ImageReference.parse("x:1"))
                .hasSameHashCodeAs(ImageReference.parse("x:1"))
                .isNotEqualTo(ImageReference.parse("x:2"));
    }

    private static Reason reason(String input) {
        try {
            ImageReference.parse(input);
        } catch (InvalidImageReferenceException e) {
            return e.reason();
        }
        throw new AssertionError("parsed: " + input);
    }
}
