package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imagespec dockerfile}: the default builder's Dockerfile, with the spec's id last. */
class DockerfileCommandTest {
    @Test
    void printsTheDockerfileEndingWithTheImageId(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(
                spec,
                "name: etl\nbase_image: debian:bookworm-slim\napt_packages: [git]\n"
                        + "env: {MODE: \"batch\\nRUN rm -rf /\"}\n");
        Cli r = Cli.run("dockerfile", spec.toString());
        // a newline in an env value can never become an instruction: refused, naming the field
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("env");

        Files.writeString(
                spec, "name: etl\nbase_image: debian:bookworm-slim\napt_packages: [git]\nenv: {MODE: batch}\n");
        Cli ok = Cli.run("dockerfile", spec.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        String id = dev.imagespec.runtime.ImageSpecYaml.read(spec).id();
        assertThat(ok.out())
                .startsWith("FROM debian:bookworm-slim")
                .contains("git")
                .contains("ENV MODE=\"batch\"")
                .endsWith("ENV _F_IMG_ID=\"" + id + "\"\n");
    }
}
