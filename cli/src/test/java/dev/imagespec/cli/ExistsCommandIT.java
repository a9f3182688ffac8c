package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code imagespec exists} against a real registry on loopback. */
class ExistsCommandIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    @Test
    void exitCodesFollowTheAnswers(@TempDir Path dir) throws Exception {
        TestImages.pushBusybox(REGISTRY, "app", "1.0");
        String present = REGISTRY.hostPort() + "/app:1.0";
        String absent = REGISTRY.hostPort() + "/app:2.0";
        assertThat(Cli.run("exists", present).exitCode()).isZero();
        Cli both = Cli.run("exists", present, absent);
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.out()).contains(present + "\tpresent").contains(absent + "\tabsent");
        Cli down = Cli.run("exists", present, "127.0.0.1:9/x:1");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.out()).contains("127.0.0.1:9/x:1\tunknown: ");
    }

    @Test
    void specFilesAreLookedUpByTheirImageName(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: svc\nregistry: " + REGISTRY.hostPort() + "\npackages: [requests]\n");
        Cli before = Cli.run("exists", "--json", spec.toString());
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).contains("\"state\":\"absent\"");
        String tag = dev.imagespec.runtime.ImageSpecYaml.read(spec).tag();
        TestImages.pushBusybox(REGISTRY, "svc", tag);
        Cli after = Cli.run("exists", "--json", spec.toString());
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("\"state\":\"present\"").contains("\"digest\":\"sha256:");
    }
}
