package dev.imagespec.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * The javac annotation processor for {@code @ImageSpec}: validates every member and prints each
 * problem on the exact member, writes {@code META-INF/imagespec/<binary class name>.json} and
 * {@code META-INF/imagespec/index.json}, and generates {@code <Task>_ImageSpec}: constants and the
 * spec as code ({@link ConstantsGenerator}). The work is {@link SpecProcessing}'s, shared with
 * {@link ComposedSpecProcessor}, which the same jar registers beside this one.
 *
 * <p>It supports and claims {@code dev.imagespec.annotations.*}, the project's own annotations, so
 * that {@code -Xlint:processing} has nothing to report about them and no other processor's
 * annotation is taken. Composed annotations (any annotation type carrying {@code @ImageSpec}) can
 * have any name; {@link ComposedSpecProcessor} finds and claims them.
 *
 * <p>Options (javac {@code -A}):
 * <ul>
 *   <li>{@code imagespec.projectDir}: the directory {@code requirements}, {@code copy} and
 *       {@code sourceRoot} resolve against, e.g. {@code -Aimagespec.projectDir=${project.basedir}};
 *       the working directory when absent.</li>
 *   <li>{@code imagespec.constants}: {@code false} turns off the generated {@code _ImageSpec} classes.</li>
 *   <li>{@code imagespec.cacheDir}: where file digests are remembered between compiles, so that an
 *       unchanged {@code requirements}/{@code copy}/{@code sourceRoot} is not read again; by default
 *       {@code imagespec-cache/} beside the class output directory (Maven:
 *       {@code target/imagespec-cache/}); {@code none} turns the cache off.</li>
 *   <li>{@code imagespec.stats}: {@code true} prints a note with the number of specs, files hashed
 *       and digests reused from the cache.</li>
 * </ul>
 *
 * <p>Descriptors and the index are written once, when javac has written the class files of the
 * whole compilation, and only when it raised no error: a failed compile leaves no descriptor.
 */
@AutoService(Processor.class)
public final class ImageSpecProcessor extends SpecProcessorBase {
    /** Option: where the spec's relative file paths resolve. */
    public static final String PROJECT_DIR = SpecProcessing.PROJECT_DIR;
    /** Option: whether to generate constants classes ({@code true} by default). */
    public static final String CONSTANTS = SpecProcessing.CONSTANTS;
    /** Option: the directory of the digest cache, or {@code none}. */
    public static final String CACHE_DIR = SpecProcessing.CACHE_DIR;
    /** Option: whether to print a note with what was hashed and reused. */
    public static final String STATS = SpecProcessing.STATS;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("dev.imagespec.annotations.*");
    }

    // Claiming is what keeps -Xlint:processing quiet about our annotations, and it takes only ours
    // (see the class comment): Error Prone's advice not to claim trades that warning away.
    @SuppressWarnings("DoNotClaimAnnotations")
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        engine.round(round);
        return true; // dev.imagespec.annotations.* only: no other processor's annotation
    }
}
