package dev.imagespec.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The container image a task runs in: flytekit's {@code ImageSpec}, field for field, in camelCase.
 *
 * <pre>{@code
 * @ImageSpec(name = "trainer", registry = "ghcr.io/acme", pythonVersion = "3.11",
 *            packages = {"numpy==1.26.4", "pandas>=2"}, env = @Env(name = "MODE", value = "train"))
 * public class TrainTask { }
 * }</pre>
 *
 * <p>The annotation processor checks every member while the class compiles, writes the spec to
 * {@code META-INF/imagespec/<binary class name>.json}; the runtime reads it back with
 * {@code ImageSpecs.of(TrainTask.class)}. With {@link #constants()} it also generates
 * {@code <Class>_ImageSpec} with the image's {@code ID}, {@code TAG} and {@code IMAGE_NAME}.
 *
 * <p><b>Unset is not empty.</b> flytekit tells {@code None} from {@code []} (for example
 * {@code entrypoint = []} removes the base image's entrypoint, while no entrypoint keeps it), and
 * both hash differently. Every member whose flytekit default is {@code None} therefore defaults to
 * {@link #UNSET}: leave the member out for {@code None}, write {@code {}} for an empty list.
 *
 * <p><b>Composed specs.</b> On an annotation type this makes a reusable spec:
 * {@code @ImageSpec(name = "gpu", cuda = "12.1") @interface GpuImage {}} then
 * {@code @GpuImage class Train {}}.
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.ImageSpec.html">flytekit ImageSpec</a>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE})
public @interface ImageSpec {

    /**
     * The default of every member that is {@code None} in flytekit: a single NUL character, which
     * no valid value contains. Never write it yourself.
     */
    String UNSET = "\u0000";

    /** Image name, lower-cased, e.g. {@code "trainer"}. flytekit's default is {@code "flytekit"}. */
    String name() default "flytekit";

    /** Python version, e.g. {@code "3.11"}; unset uses the base image's Python. */
    String pythonVersion() default UNSET;

    /** Builder plug-in by name, e.g. {@code "default"} or {@code "noop"}; not part of the hash. */
    String builder() default UNSET;

    /** Directory whose files are copied per {@link #sourceCopyMode()}, e.g. {@code "src/main/python"}. */
    String sourceRoot() default UNSET;

    /** Environment variables in order (the order is hashed), e.g. {@code @Env(name = "A", value = "1")}. */
    Env[] env() default @Env(name = UNSET, value = UNSET);

    /** Registry to push to, e.g. {@code "ghcr.io/acme"} or {@code "localhost:30000"}; lower-cased. */
    String registry() default UNSET;

    /** pip requirements (PEP 508), e.g. {@code {"numpy==1.26.4", "pandas>=2"}}. */
    String[] packages() default UNSET;

    /** conda match specs, e.g. {@code {"pytorch", "cudatoolkit=11.8"}}. */
    String[] condaPackages() default UNSET;

    /** conda channels, e.g. {@code {"pytorch", "nvidia"}}. */
    String[] condaChannels() default UNSET;

    /** A requirements file, relative to the project directory, e.g. {@code "requirements.txt"}. */
    String requirements() default UNSET;

    /** Debian packages, e.g. {@code {"git", "curl"}}. */
    String[] aptPackages() default UNSET;

    /** CUDA version, e.g. {@code "12.1"}. */
    String cuda() default UNSET;

    /** cuDNN version, e.g. {@code "9"}. */
    String cudnn() default UNSET;

    /** Base image reference, e.g. {@code "python:3.11-slim"}; exclusive with {@link #baseSpec()}. */
    String baseImage() default UNSET;

    /**
     * A class (or composed annotation type) that carries the base image's own spec, built first:
     * the nested-spec form of flytekit's {@code base_image}. {@code void.class} means none.
     */
    Class<?> baseSpec() default void.class;

    /** Target platforms, e.g. {@code "linux/amd64,linux/arm64"}; defaults to {@code "linux/amd64"}. */
    String platform() default UNSET;

    /** pip index URL, e.g. {@code "https://pypi.example.com/simple"}. */
    String pipIndex() default UNSET;

    /** Extra pip index URLs, e.g. {@code {"https://a.example.com/simple"}}. */
    String[] pipExtraIndexUrl() default UNSET;

    /** Build secrets for pip, e.g. {@code @SecretMount(src = ".netrc", dst = "/root/.netrc")}; not hashed. */
    SecretMount[] pipSecretMounts() default @SecretMount(src = UNSET, dst = UNSET);

    /** Extra pip arguments as one string, e.g. {@code "--no-cache-dir"}. */
    String pipExtraArgs() default UNSET;

    /** Path to a registry credentials file (docker config.json); part of the id, not of the tag. */
    String registryConfig() default UNSET;

    /** Entrypoint, e.g. {@code {"python", "-m", "app"}}; {@code {}} removes the base image's. */
    String[] entrypoint() default UNSET;

    /** Shell commands run while building, e.g. {@code {"mkdir -p /opt/data"}}. */
    String[] commands() default UNSET;

    /** Tag format with {@code {spec_hash}}, e.g. {@code "{spec_hash}-dev"}. */
    String tagFormat() default UNSET;

    /** At most one mode, e.g. {@code CopyFileDetection.ALL}; empty (the default) means unset. */
    CopyFileDetection[] sourceCopyMode() default {};

    /** Files and directories copied into the image, e.g. {@code {"conf", "run.sh"}}. */
    String[] copy() default UNSET;

    /** Python executable used to install packages, e.g. {@code "/usr/local/bin/python3"}. */
    String pythonExec() default UNSET;

    /** Packages installed when the task starts, e.g. {@code {"numpy"}}; not hashed. */
    String[] runtimePackages() default UNSET;

    /** Builder-specific options in order, e.g. {@code @Option(name = "cpu", intValue = 2)}. */
    Option[] builderOptions() default @Option(name = UNSET);

    /** Builder images configuration in order, e.g. {@code @Option(name = "timeout", intValue = 600)}. */
    Option[] builderConfig() default @Option(name = UNSET);

    /**
     * Whether to generate {@code <Class>_ImageSpec}, with the image's compile-time constants
     * {@code ID}, {@code TAG} and {@code IMAGE_NAME} (usable in other annotations) and the spec as
     * code; not part of the spec or its hash. Off by default because javac must then compile one more
     * class per task; {@code ImageSpecs.of(Task.class)} works either way. On a composed annotation it
     * holds for every class that uses it, e.g. {@code @ImageSpec(name = "trainer", constants = true)}.
     */
    boolean constants() default false;

    /** One environment variable, e.g. {@code @Env(name = "MODE", value = "train")}. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({})
    @interface Env {
        /** Variable name, e.g. {@code "MODE"}. */
        String name();

        /** Its value, e.g. {@code "train"}; any text, written quoted into the Dockerfile. */
        String value();
    }

    /** A pip build secret: file {@code src} mounted at {@code dst}, e.g. {@code @SecretMount(src = ".netrc", dst = "/root/.netrc")}. */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({})
    @interface SecretMount {
        /** The secret file on the build host, e.g. {@code ".netrc"}. */
        String src();

        /** Where it is mounted during {@code pip install}, e.g. {@code "/root/.netrc"}. */
        String dst();
    }

    /**
     * One typed entry of {@link #builderOptions()} or {@link #builderConfig()}. Set exactly one
     * value member, so that the spec hashes like the same Python value:
     * {@code @Option(name = "cpu", intValue = 2)} is Python's {@code 2},
     * {@code @Option(name = "mem", floatValue = 4.5)} its {@code 4.5},
     * {@code @Option(name = "list", json = "[1, \"two\", false]")} a nested list.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target({})
    @interface Option {
        /** Option name, e.g. {@code "cpu"}. */
        String name();

        /** A string value, e.g. {@code "regcred"}. */
        String value() default UNSET;

        /** An integer value, e.g. {@code 2}. */
        long intValue() default 0;

        /** A float value, e.g. {@code 4.5}. */
        double floatValue() default 0;

        /** A boolean value, e.g. {@code true}. */
        boolean boolValue() default false;

        /** {@code true} for Python's {@code None}. */
        boolean nullValue() default false;

        /** Any JSON value (lists, maps, numbers keep their types), e.g. {@code "{\"k\": \"v\"}"}. */
        String json() default UNSET;
    }
}
