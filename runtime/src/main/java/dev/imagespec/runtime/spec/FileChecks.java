package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.validate.Messages;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;

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
    public static ValidationReport check(SpecValues spec) {
        ValidationReport.Collector out = ValidationReport.collector();
        spec.string(SpecField.REQUIREMENTS).filter(r -> !r.isEmpty()).ifPresent(r -> {
            Path p = spec.resolve(r);
            if (readable(SpecField.REQUIREMENTS, -1, r, p, out) && Files.isDirectory(p)) {
                out.add(SpecField.REQUIREMENTS.member(), -1, Severity.STRICT, r, Messages.notAFile("requirements", r));
            }
        });
        spec.list(SpecField.COPY).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                readable(SpecField.COPY, i, list.get(i), spec.resolve(list.get(i)), out);
            }
        });
        CopyFileDetection mode = spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY);
        spec.string(SpecField.SOURCE_ROOT)
                .filter(r -> !r.isEmpty() && mode != CopyFileDetection.NO_COPY)
                .ifPresent(r -> {
                    Path p = spec.resolve(r);
                    if (readable(SpecField.SOURCE_ROOT, -1, r, p, out) && !Files.isDirectory(p)) {
                        out.add(
                                SpecField.SOURCE_ROOT.member(),
                                -1,
                                Severity.STRICT,
                                r,
                                Messages.notADirectory("sourceRoot", r));
                    }
                });
        return out.report();
    }

    private static boolean readable(
            SpecField field, int index, String written, Path p, ValidationReport.Collector out) {
        if (written.indexOf('\0') >= 0) {
            return false; // reported by the value rules; Path.of would throw
        }
        if (!Files.exists(p)) {
            out.add(
                    field.member(),
                    index,
                    Severity.STRICT,
                    written,
                    Messages.fileMissing(
                            field.member(),
                            written,
                            p.toAbsolutePath().normalize().toString()));
            return false;
        }
        if (!Files.isReadable(p)) {
            out.add(
                    field.member(),
                    index,
                    Severity.STRICT,
                    written,
                    Messages.fileUnreadable(field.member(), written, "permission denied"));
            return false;
        }
        return true;
    }
}
