package dev.imagespec.builders.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a JVM stopped by SIGTERM or SIGINT (or {@code System.exit}) must not leave behind: the running
 * tools with their whole process trees, stopped first (SIGTERM, SIGKILL after a grace period), then the
 * build directories they used. One shutdown hook, installed with the first build.
 */
final class ShutdownCleanup {
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private ShutdownCleanup() {}

    static void register(Process process) {
        install();
        PROCESSES.add(process);
    }

    static void unregister(Process process) {
        PROCESSES.remove(process);
    }

    static void register(Path directory) {
        install();
        DIRECTORIES.add(directory);
    }

    static void unregister(Path directory) {
        DIRECTORIES.remove(directory);
    }

    private static void install() {
        if (installed) {
            return;
        }
        synchronized (ShutdownCleanup.class) {
            if (!installed) {
                Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::run, "imagespec-build-cleanup"));
                installed = true;
            }
        }
    }

    /** Stops every registered tool and its children, then deletes every registered directory. */
    static void run() {
        List<Process> running = new ArrayList<>(PROCESSES);
        if (!running.isEmpty()) {
            System.err.println("imagespec: stopping " + running.size() + " build tool process"
                    + (running.size() == 1 ? "" : "es") + " and removing the build directories");
        }
        ToolProcess.stopAll(running);
        for (Path dir : new ArrayList<>(DIRECTORIES)) {
            BuildWorkspace.deleteTree(dir);
        }
    }
}
