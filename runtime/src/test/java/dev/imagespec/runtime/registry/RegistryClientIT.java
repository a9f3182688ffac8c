package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.auth.CredentialSource;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Existence checks against a real registry without auth. */
class RegistryClientIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static TestImages.Pushed busybox;
    private static TestImages.Pushed multi;

    private final RegistryClient client =
            RegistryClient.builder().credentials(CredentialSource.anonymous()).build();

    @BeforeAll
    static void push() throws Exception {
        busybox = TestImages.pushBusybox(REGISTRY, "team/busybox", "v1");
        multi = TestImages.pushIndex(REGISTRY, "team/multi", "v1");
    }

    private RegistryImage image(String nameAfterRegistry) {
        return RegistryImage.of(REGISTRY.hostPort() + "/" + nameAfterRegistry);
    }

    @Test
    void presentTagIsPresentWithItsDigest() {
        Existence e = client.check(image("team/busybox:v1"));

        assertThat(e.state()).as(e + "\n" + REGISTRY.log()).isEqualTo(Existence.State.PRESENT);
        assertThat(e.asOptional()).contains(true);
        assertThat(e.digest()).contains(busybox.digest());
        assertThat(e.mediaType()).contains(TestImages.OCI_MANIFEST);
        assertThat(e.status()).hasValue(200);
    }

    @Test
    void absentTagIsAbsent() {
        Existence e = client.check(image("team/busybox:nope"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.ABSENT);
        assertThat(e.asOptional()).contains(false);
        assertThat(e.status()).hasValue(404);
    }

    @Test
    void absentRepositoryIsAbsent() {
        Existence e = client.check(image("nobody/never-pushed:v1"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.ABSENT);
    }

    @Test
    void digestReferenceIsPresentAndAnUnknownDigestAbsent() {
        Existence byDigest = client.check(image("team/busybox@" + busybox.digest()));
        Existence otherDigest = client.check(image("team/busybox@sha256:" + "0".repeat(64)));

        assertThat(byDigest.state()).as(byDigest.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(byDigest.digest()).contains(busybox.digest());
        assertThat(otherDigest.state()).as(otherDigest.toString()).isEqualTo(Existence.State.ABSENT);
    }

    @Test
    void imageIndexIsPresentAsAnIndex() {
        Existence e = client.check(image("team/multi:v1"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(e.digest()).contains(multi.digest());
        assertThat(e.mediaType()).contains(TestImages.OCI_INDEX);
    }

    @Test
    void checkAllAnswersFiftyTagsHalfPresentInInputOrder() throws Exception {
        List<RegistryImage> images = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String tag = "bulk-" + i;
            if (i % 2 == 0) {
                TestImages.tag(REGISTRY, "team/busybox", "v1", tag);
            }
            images.add(image("team/busybox:" + tag));
        }

        Map<RegistryImage, Existence> all = client.checkAll(images);

        assertThat(new ArrayList<>(all.keySet())).isEqualTo(images);
        for (int i = 0; i < 50; i++) {
            Existence e = all.get(images.get(i));
            assertThat(e.asOptional()).as(images.get(i) + " " + e).isEqualTo(Optional.of(i % 2 == 0));
        }
    }

    @Test
    void checkAllOfNothingIsEmpty() {
        assertThat(client.checkAll(List.of())).isEmpty();
    }
}
