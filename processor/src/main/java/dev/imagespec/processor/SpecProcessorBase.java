package dev.imagespec.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;

/**
 * What the processor's two entry points share: one {@link SpecProcessing} engine per compilation,
 * the options it reads and the newest source version. They differ only in the annotations they ask
 * for and claim ({@link ImageSpecProcessor}: ours; {@link ComposedSpecProcessor}: every root type).
 */
abstract class SpecProcessorBase extends AbstractProcessor {
    SpecProcessing engine;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        engine = SpecProcessing.of(processingEnv);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return SpecProcessing.OPTIONS;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }
}
