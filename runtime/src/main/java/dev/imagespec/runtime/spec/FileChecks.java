package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.validate.Messages;
import dev.imagespec.runtime.validate.PackageRules;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that need the file system: the files a spec names exist and can be read. Run by the
 * processor at compile time and by the command line before it hashes or builds; not by
 * {@link ImageSpec.Builder#build()}, because inside a container the files are gone by design.
 *
 * <p>Example: {@code FileChecks.check(spec)} → a problem for {@code requirements "reqs.txt" does not exist}.
 */
public final class FileChecks {
    private FileChecks() {}

    /** Every missing or unreadable file the spec names, resolved with {@link ImageSpec#resolve(String)}. */
    public static List<Problem> check(SpecValues spec) {
        List<Problem> out = new ArrayList<>();
        spec.string(SpecField.REQUIREMENTS).filter(r -> !r.isEmpty()).ifPresent(r -> {
            Path p = spec.resolve(r);
            if (readable(SpecField.REQUIREMENTS, -1, r, p, out) && Files.isDirectory(p)) {
                out.add(Problem.of(SpecField.REQUIREMENTS, Severity.STRICT, Messages.notAFile("requirements", r)));
            }
        });
        spec.list(SpecField.COPY).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                readable(SpecField.COPY, i, list.get(i), spec.resolve(list.get(i)), out);
            }
        });
        CopyFileDetection mode = spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY);
        spec.string(SpecField.SOURCE_ROOT).filter(r -> !r.isEmpty() && mode != CopyFileDetection.NO_COPY).ifPresent(r -> {
            Path p = spec.resolve(r);
            if (readable(SpecField.SOURCE_ROOT, -1, r, p, out) && !Files.isDirectory(p)) {
                out.add(Problem.of(SpecField.SOURCE_ROOT, Severity.STRICT, Messages.notADirectory("sourceRoot", r)));
            }
        });
        return out;
    }

    private static boolean readable(SpecField field, int index, String written, Path p, List<Problem> out) {
        if (written.indexOf('\0') >= 0) {
            return false; // reported by the value rules; Path.of would throw
        }
        if (!Files.exists(p)) {
            out.add(new Problem(field, index, Severity.STRICT,
                    Messages.fileMissing(field.member(), written, p.toAbsolutePath().normalize().toString())));
            return false;
        }
        if (!Files.isReadable(p)) {
            out.add(new Problem(field, index, Severity.STRICT, Messages.fileUnreadable(field.member(), written, "permission denied")));
            return false;
        }
        return true;
    }
}
