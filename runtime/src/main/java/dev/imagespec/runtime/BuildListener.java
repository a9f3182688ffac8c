package dev.imagespec.runtime;

import java.lang.System.Logger.Level;

/**
 * Receives what happens during a build: each line a build tool prints, the engine's and builders'
 * own progress messages, and the digest of a pushed image. Called from the building thread or a
 * tool's output reader, so implementations must be thread-safe.
 *
 * <p>Example: {@code BuildListener listener = line -> System.out.println(line);}
 */
@FunctionalInterface
public interface BuildListener {

    /** Discards everything, e.g. {@code new DefaultImageBuilder().buildImage(spec, BuildListener.NONE)}. */
    BuildListener NONE = line -> {};

    /** One line of a build tool's output, without its line break, e.g. {@code "STEP 3/9: RUN ..."}. */
    void output(String line);

    /**
     * A progress message from the engine or a builder, e.g. {@code "Image r/x:t found. Skip building."}.
     * By default it goes to {@link #output(String)}.
     */
    default void message(String text) {
        output(text);
    }

    /**
     * An image was pushed, e.g. {@code pushed("127.0.0.1:5000/x:t", "sha256:3d93...")}; the engine
     * puts the digest into its {@link BuildResult}.
     */
    default void pushed(String imageName, String digest) {
        message("Pushed " + imageName + "@" + digest);
    }

    /**
     * The build starts from {@code reference}, whose registry digest is {@code digest}, e.g.
     * {@code baseImage("debian:bookworm-slim", "sha256:6d9a...")}; the engine puts both into its
     * {@link BuildResult} ({@code base_digest} in result files).
     */
    default void baseImage(String reference, String digest) {
        message("Base image " + reference + " is " + digest);
    }

    /**
     * Everything to {@link System.Logger} {@code dev.imagespec.build}: tool output at DEBUG, messages
     * at INFO. The runtime stays free of logging libraries; {@code System.Logger} routes to JUL or to
     * whatever the application installs. Example: {@code ImageBuildEngine.builder().listener(BuildListener.logging())}.
     */
    static BuildListener logging() {
        System.Logger logger = System.getLogger("dev.imagespec.build");
        return new BuildListener() {
            @Override
            public void output(String line) {
                logger.log(Level.DEBUG, line);
            }

            @Override
            public void message(String text) {
                logger.log(Level.INFO, text);
            }
        };
    }
}
