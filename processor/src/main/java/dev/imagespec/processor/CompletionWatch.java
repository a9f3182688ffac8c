package dev.imagespec.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Watches javac past annotation processing, through its public task API ({@code com.sun.source.util}):
 * which classes it analyzed and generated, and when the whole compilation is over. Most of javac's
 * own errors (types, flow, constants too large for a class file) are found only after the last
 * round, so this is where the processor learns whether the compile succeeded: javac writes no class
 * file once an error has been reported.
 */
final class CompletionWatch implements TaskListener {
    private final Elements elements;
    private final Runnable onFinished;
    private final Set<String> generated = new HashSet<>();
    private int analyzed;

    private CompletionWatch(Elements elements, Runnable onFinished) {
        this.elements = elements;
        this.onFinished = onFinished;
    }

    /** A watch on {@code env}'s compilation, or null when it is not javac's (then nobody calls {@code onFinished}). */
    static CompletionWatch register(ProcessingEnvironment env, Runnable onFinished) {
        try {
            CompletionWatch watch = new CompletionWatch(env.getElementUtils(), onFinished);
            JavacTask.instance(env).addTaskListener(watch);
            return watch;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | LinkageError e) {
            return null; // another compiler, or a tool that wraps the processing environment
        }
    }

    @Override
    public void started(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANALYZE) {
            analyzed++;
        }
    }

    @Override
    public void finished(TaskEvent e) {
        try {
            if (e.getKind() == TaskEvent.Kind.GENERATE) {
                TypeElement type = e.getTypeElement();
                if (type != null) {
                    generated.add(elements.getBinaryName(type).toString());
                }
            } else if (e.getKind() == TaskEvent.Kind.COMPILATION) {
                onFinished.run();
            }
        } catch (RuntimeException ex) {
            // a listener must never break javac; the descriptors are then simply not written
        }
    }

    /** Whether javac went through code generation for the class with this binary name. */
    boolean generated(String binaryName) {
        return generated.contains(binaryName);
    }

    /** How many classes javac began to analyze (none under {@code -proc:only} or after an error in processing). */
    int analyzed() {
        return analyzed;
    }
}
