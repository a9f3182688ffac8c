package dev.imagespec.builders.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build directories named by their process, swept when it is gone, and one lock per image. */
class BuildWorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void buildDirectoriesOfStoppedProcessesAreSweptOthersKept() throws Exception {
        BuildWorkspace ws = BuildWorkspace.at(tmp);
        Path mine = ws.newBuildDirectory();
        assertThat(mine.getFileName().toString())
                .startsWith(ProcessHandle.current().pid() + "-");

        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        Path dead = Files.createDirectories(tmp.resolve(done.pid() + "-abc123"));
        Files.writeString(Files.createDirectories(dead.resolve("context")).resolve("Dockerfile"), "FROM x\n");

        Process sleeping = new ProcessBuilder("sleep", "60").start();
        try {
            Path alive = Files.createDirectories(tmp.resolve(sleeping.pid() + "-def456"));
            // pid 1 started long before this directory was written: a directory that names it was left by an earlier
            // boot.
            Path reused = Files.createDirectories(tmp.resolve("1-0ld"));
            Files.setLastModifiedTime(reused, FileTime.fromMillis(System.currentTimeMillis()));
            Path older = Files.createDirectories(tmp.resolve(sleeping.pid() + "-f00"));
            Files.setLastModifiedTime(older, FileTime.fromMillis(0));
            Path other = Files.createDirectories(tmp.resolve("not-a-build"));

            List<Path> swept = ws.sweep();

            assertThat(swept).containsExactlyInAnyOrder(dead, older);
            assertThat(dead).doesNotExist();
            assertThat(older)
                    .as("its pid now names a process that started after it was made")
                    .doesNotExist();
            assertThat(mine).exists();
            assertThat(alive).exists();
            assertThat(reused).exists();
            assertThat(other).exists();
        } finally {
            sleeping.destroyForcibly();
        }
        BuildWorkspace.remove(mine);
        assertThat(mine).doesNotExist();
    }

    @Test
    void buildsOfOneImageTakeTurnsOthersDoNot() throws Exception {
        BuildWorkspace ws = BuildWorkspace.at(tmp);
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        BuildWorkspace.ImageLock first = ws.lock("r/x:t", messages::add);
        assertThat(first.waited()).isFalse();
        assertThat(first.pushedBefore()).isFalse();
        try (BuildWorkspace.ImageLock other = ws.lock("r/y:t", messages::add)) {
            assertThat(other.waited()).isFalse();
        }
        CountDownLatch got = new CountDownLatch(1);
        List<BuildWorkspace.ImageLock> second = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            BuildWorkspace.ImageLock l = ws.lock("r/x:t", messages::add);
            second.add(l);
            got.countDown();
            l.close();
        });
        t.start();
        assertThat(got.await(300, TimeUnit.MILLISECONDS))
                .as("waits while the first holds it")
                .isFalse();
        first.recordPushed("r/x:t", "sha256:" + "c".repeat(64));
        first.close();
        assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
        t.join();
        assertThat(second.get(0).waited()).isTrue();
        assertThat(second.get(0).pushedBefore()).isTrue();
        assertThat(messages).singleElement().asString().startsWith("Waiting for another build of r/x:t");
        assertThat(ws.lockFile("r/x:t")).exists().hasParent(tmp.resolve("locks"));
    }
}
