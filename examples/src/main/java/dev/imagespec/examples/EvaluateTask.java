package dev.imagespec.examples;

/** Evaluates on a GPU, in the same image as {@link TrainTask}. */
@GpuImage
public class EvaluateTask {
    public static void main(String[] args) {
        System.out.println(EvaluateTask_ImageSpec.IMAGE_NAME);
    }
}
