package dev.imagespec.runtime.engine;

import java.util.Locale;

/** flytekit's {@code str2bool}: which environment values mean true. */
public final class Flags {
    private Flags() {}

    /** True for {@code "true"}, {@code "1"}, {@code "yes"}, {@code "y"}, {@code "t"} in any case, as flytekit reads them. */
    public static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> true;
            default -> false;
        };
    }
}
