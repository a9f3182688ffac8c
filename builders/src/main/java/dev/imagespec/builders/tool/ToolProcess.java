package dev.imagespec.builders.tool;

import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.ImageBuildException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one tool command: streams its output line by line to a listener, keeps the last lines for
 * the error message, and on interrupt stops the tool and its children before returning, so that
 * the caller can delete the build directory the tool was using.
 */
public final class ToolProcess {
    static final int TAIL_LINES = 20;
    private static final long STOP_GRACE_SECONDS = 10;

    /** What a finished command printed, e.g. the push output a digest is read from. */
    public record Finished(List<String> output, int exitCode) {}

    private ToolProcess() {}

    /**
     * Runs {@code command} to its end.
     *
     * @param what names the step in messages, e.g. {@code "buildah build of r/x:t"}
     * @throws ImageBuildException when it exits non-zero (with its last lines), cannot start, or the thread is interrupted
     */
    public static Finished run(
            List<String> command, Map<String, String> env, Path tmpDir, BuildListener listener, String what) {
        return run(command, env, tmpDir, listener, what, true);
    }

    /**
     * As {@link #run(List, Map, Path, BuildListener, String)}; with {@code checkExit} false a non-zero exit
     * is returned, not thrown (for a step that may fail, e.g. removing a list that is not there).
     */
    public static Finished run(
            List<String> command,
            Map<String, String> env,
            Path tmpDir,
            BuildListener listener,
            String what,
            boolean checkExit) {
        if (Thread.currentThread().isInterrupted()) {
            throw ImageBuildException.interrupted(what);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (tmpDir != null) {
            pb.environment().put("TMPDIR", tmpDir.toString());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ImageBuildException(
                    "cannot run " + command.get(0) + " for " + what + ": " + e.getMessage()
                            + "; install it (e.g. apt-get install " + command.get(0) + ") or pick another tool with "
                            + BuildTool.TOOL_ENV,
                    e);
        }
        ShutdownCleanup.register(process);
        Deque<String> tail = new ArrayDeque<>();
        List<String> all = new ArrayList<>();
        Thread reader = new Thread(() -> pump(process, listener, tail, all), "imagespec-" + command.get(0) + "-output");
        reader.setDaemon(true);
        reader.start();
        int exit;
        try {
            exit = process.waitFor();
            reader.join();
        } catch (InterruptedException e) {
            stopAll(List.of(process));
            joinQuietly(reader);
            Thread.currentThread().interrupt();
            throw ImageBuildException.interrupted(what);
        } finally {
            ShutdownCleanup.unregister(process);
        }
        if (exit != 0 && checkExit) {
            List<String> last;
            synchronized (tail) {
                last = List.copyOf(tail);
            }
            throw ImageBuildException.toolFailed(what, exit, last);
        }
        synchronized (all) {
            return new Finished(List.copyOf(all), exit);
        }
    }

    private static void pump(Process process, BuildListener listener, Deque<String> tail, List<String> all) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                synchronized (all) {
                    // Bounded: only the push step's few lines are read back; a build's are just streamed.
                    if (all.size() < 10_000) {
                        all.add(line);
                    }
                }
                listener.output(line);
            }
        } catch (IOException e) {
            // The process ended or was stopped; its exit code tells what happened.
        }
    }

    /**
     * SIGTERM to each tool and all its descendants (buildah cleans up its mounts on it), SIGKILL to what
     * is left after a grace period; returns when they are gone. The tree is taken before any signal, so
     * children a dying tool leaves to init are stopped too.
     */
    static void stopAll(List<Process> processes) {
        List<ProcessHandle> family = new ArrayList<>();
        for (Process process : processes) {
            process.descendants().forEach(family::add);
            family.add(process.toHandle());
        }
        if (family.isEmpty()) {
            return;
        }
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
        for (ProcessHandle h : family) {
            waitUninterruptibly(h, deadline);
        }
        for (ProcessHandle h : family) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        long killed = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
        for (ProcessHandle h : family) {
            waitUninterruptibly(h, killed);
        }
    }

    private static void waitUninterruptibly(ProcessHandle h, long deadlineNanos) {
        while (h.isAlive() && System.nanoTime() < deadlineNanos) {
            try {
                h.onExit().get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Keep waiting: the directory must not be deleted under a running tool. Interrupt is restored by the
                // caller.
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
