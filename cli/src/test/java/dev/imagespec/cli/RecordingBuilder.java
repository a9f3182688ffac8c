package dev.imagespec.cli;

import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A builder for the CLI's tests, found by ServiceLoader on the test class path and chosen only by specs
 * that name it ({@code builder: cli-test}): it builds nothing, records what it was asked to build, and
 * fails for specs whose name contains {@code fail}. Applies flytekit's rules, so existence decides.
 */
public final class RecordingBuilder implements ImageSpecBuilder {
    static final String TYPE = "cli-test";
    static final List<String> BUILT = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int priority() {
        return -1; // never chosen for specs that do not name it
    }

    @Override
    public Optional<String> buildImage(ImageSpec spec) {
        if (spec.name().contains("fail")) {
            throw ImageBuildException.toolFailed("test build of " + spec.imageName(), 7, List.of("boom"));
        }
        BUILT.add(spec.imageName());
        return Optional.empty();
    }
}
