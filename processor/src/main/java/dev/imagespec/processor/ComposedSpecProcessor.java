package dev.imagespec.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * The half of the processor that composed specs need: a class whose only spec annotation is
 * {@code @GpuImage} (an annotation type carrying {@code @ImageSpec}, maybe from another jar) never
 * shows javac an {@code @ImageSpec}, and a composed annotation's name can be anything, so this
 * processor supports {@code "*"}: javac calls it in every round, and it does {@link SpecProcessing}'s
 * work like {@link ImageSpecProcessor}.
 *
 * <p>It claims a round's annotations (so that {@code -Xlint:processing} does not report composed
 * specs as unclaimed) only when every annotation javac offers it is the project's own: in
 * {@code dev.imagespec.annotations}, a composed spec, {@code @Generated} on classes this processor
 * generated and nothing else, or one of javac's platform annotations ({@code @Override},
 * {@code @Retention}...). When another processor's annotation is among them it claims nothing, so
 * that processor still gets it; {@link ImageSpecProcessor} still claims {@code @ImageSpec}.
 */
@AutoService(Processor.class)
public final class ComposedSpecProcessor extends SpecProcessorBase {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    // Claiming is what keeps -Xlint:processing quiet about our annotations, and it takes only ours
    // (see the class comment): Error Prone's advice not to claim trades that warning away.
    @SuppressWarnings("DoNotClaimAnnotations")
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        engine.round(round);
        return engine.claims(annotations, round);
    }
}
