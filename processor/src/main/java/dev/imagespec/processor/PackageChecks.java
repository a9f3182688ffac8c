package dev.imagespec.processor;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.validate.Problem;
import java.util.List;

/**
 * Compile-time checks of a valid spec's packages that need more than one value at a time (the
 * requirements file's lines, the same package named twice). The seam for PEP 440/508 rules.
 */
final class PackageChecks {
    private PackageChecks() {}

    static List<Problem> check(ImageSpec spec) {
        return List.of();
    }
}
