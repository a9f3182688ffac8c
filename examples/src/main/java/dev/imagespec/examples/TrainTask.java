package dev.imagespec.examples;

/** Trains on a GPU: its image comes from the composed {@link GpuImage} spec. */
@GpuImage
public class TrainTask {
    public static void main(String[] args) {
        System.out.println(TrainTask_ImageSpec.IMAGE_NAME);
    }
}
