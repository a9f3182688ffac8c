package dev.imagespec.runtime.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void deletesTheWholeTreeButNotWhatALinkInItPointsTo() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Path outsideDir = Files.createDirectories(dir.resolve("outside-dir"));
        Files.writeString(outsideDir.resolve("kept.txt"), "keep");
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("f.txt"), "x");
        Files.writeString(dir.resolve("root/top.txt"), "x");
        Files.createSymbolicLink(dir.resolve("root/a/link-to-file"), outside);
        Files.createSymbolicLink(dir.resolve("root/a/link-to-dir"), outsideDir);

        FileTrees.delete(dir.resolve("root"));

        assertThat(dir.resolve("root")).doesNotExist();
        assertThat(outside).hasContent("keep");
        assertThat(outsideDir.resolve("kept.txt")).hasContent("keep");
    }

    @Test
    void aMissingTreeIsNothingToDo() throws IOException {
        FileTrees.delete(dir.resolve("absent"));
        assertThat(dir).isEmptyDirectory();
    }
}
