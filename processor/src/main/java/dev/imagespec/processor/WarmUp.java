package dev.imagespec.processor;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SpecValidator;
import java.util.List;
import java.util.Map;

/**
 * Loads and initializes, on a second thread, the classes the processor's first spec needs (the
 * rules, the PEP 440/508 parsers, the hashing, MD5 and the JSON writer) while javac's thread reads
 * the round's annotations: most of a small module's processor time is this class loading, done
 * once per compile in a fresh JVM. It checks and hashes a made-up spec and throws the result away;
 * a failure only means the real spec loads those classes itself. With one core it costs nothing
 * noticeable either: the classes are loaded once, by whichever thread gets there first.
 */
final class WarmUp implements Runnable {
    private WarmUp() {}

    /** Starts the warm-up on a daemon thread (it never keeps javac alive). */
    @SuppressWarnings("ThreadPriorityCheck") // nothing relies on the priority: see below
    static void start() {
        Thread t = new Thread(new WarmUp(), "imagespec-processor-warm-up");
        t.setDaemon(true);
        // Only a hint that javac's own thread goes first where the scheduler honours it (HotSpot on
        // Linux ignores it by default); the warm-up is correct at any priority.
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    @Override
    public void run() {
        try {
            ImageSpec.Builder b = ImageSpec.builder()
                    .name("warm-up")
                    .registry("ghcr.io/acme")
                    .pythonVersion("3.11")
                    .packages("numpy==1.26.4", "pandas>=2,<3; python_version >= \"3.9\"")
                    .condaPackages("pytorch")
                    .condaChannels("nvidia")
                    .aptPackages("git")
                    .cuda("12.1")
                    .cudnn("8")
                    .baseImage("python:3.11-slim")
                    .platform("linux/amd64,linux/arm64")
                    .env(Map.of("MODE", "warm"))
                    .commands(List.of("true"))
                    .tagFormat("{spec_hash}-dev")
                    .builderOptions(Map.of("cpu", 2L, "mem", 4.5))
                    .origin("warm.Up");
            b.validate();
            ImageSpec spec = b.build();
            SpecValidator.packages(spec.values());
            Descriptor.of("warm.Up", spec.values()).toJson();
        } catch (RuntimeException | LinkageError e) {
            // nothing to report: the processor's own work loads whatever failed to load here
        }
    }
}
