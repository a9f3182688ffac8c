package dev.imagespec.processor;

import dev.imagespec.runtime.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The descriptors of a compile, written while javac is still compiling and moved into the class
 * output only once it has succeeded. Creating a file is what costs here: 0.6–0.9 ms each on the
 * development machine's disk (1,000 descriptors took 0.9 s of a 5.6 s compile), a rename 0.02 ms.
 * So a second thread writes every file into a staging directory beside the class output (never in
 * it: nothing of a failed compile may reach the jar) as soon as annotation processing is over,
 * overlapping javac's attribution and code generation, and {@link #commit} renames them into place.
 * A compile that fails {@link #discard}s them. A staging directory left by a javac that was killed
 * is removed by the next compile that stages beside the same class output.
 *
 * <p>Example: {@code DescriptorStage s = DescriptorStage.start(classes, files); ... s.commit();}
 */
final class DescriptorStage {
    /** Beside the class output, like the digest cache: one directory per compile in it. */
    static final String DIRECTORY = "imagespec-staging";

    private final Path classOutput;
    private final Path stage;
    private final List<String> resources;
    private final Thread writer;
    private volatile IOException failure;

    private DescriptorStage(Path classOutput, Path stage, Map<String, String> files) {
        this.classOutput = classOutput;
        this.stage = stage;
        this.resources = new ArrayList<>(files.keySet());
        this.writer = new Thread(() -> write(files), "imagespec-processor-descriptors");
        writer.setDaemon(true);
    }

    /**
     * Starts writing {@code files} (resource name → content, in the order they are to appear) beside
     * {@code classOutput}; null when the class output has no parent directory to stage in.
     */
    static DescriptorStage start(Path classOutput, Map<String, String> files) {
        Path parent = classOutput.toAbsolutePath().getParent();
        if (parent == null) {
            return null;
        }
        Path stage = parent.resolve(DIRECTORY)
                .resolve(ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
        DescriptorStage s = new DescriptorStage(classOutput, stage, files);
        s.writer.start();
        return s;
    }

    private void write(Map<String, String> files) {
        try {
            sweepDead(stage.getParent());
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = stage.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
        }
    }

    /** Waits for the writer, then renames every staged file into the class output, in order. */
    void commit() throws IOException {
        join();
        if (failure != null) {
            discard();
            throw failure;
        }
        try {
            for (String resource : resources) {
                Path target = classOutput.resolve(resource);
                Files.createDirectories(target.getParent());
                Files.move(stage.resolve(resource), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            discard();
        }
    }

    /** Waits for the writer and removes the staging directory with whatever it holds. */
    void discard() {
        join();
        deleteTree(stage);
        Path stages = stage.getParent();
        try {
            if (Files.isDirectory(stages, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(stages); // only when no other compile stages there
            }
        } catch (IOException e) {
            // another compile's stage, or it is gone already
        }
    }

    private void join() {
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the stages of processes that are no longer running (a javac killed mid-compile). */
    private static void sweepDead(Path stages) throws IOException {
        if (!Files.isDirectory(stages, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(stages)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteTree(p);
                    }
                } catch (NumberFormatException notOurs) {
                    // not a stage of ours: left alone
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            // best effort: a stage left behind is swept by the next compile
        }
    }
}
