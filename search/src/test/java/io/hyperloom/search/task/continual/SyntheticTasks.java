package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.images.ImageArchitectures;

import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic image benchmarks the continual tests make. */
public final class SyntheticTasks {

    public static final int SIDE = 4;

    private SyntheticTasks() {
    }

    /** {@code n} random 4×4 images; label = (pixel sum of the top half &gt; bottom half) for two classes, else random. */
    public static ImageSet images(int n, int classes, long seed, boolean flip) {
        SplittableRandom r = new SplittableRandom(seed);
        int px = SIDE * SIDE;
        byte[] pixels = new byte[n * px];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int top = 0;
            int bottom = 0;
            for (int k = 0; k < px; k++) {
                int v = r.nextInt(256);
                pixels[i * px + k] = (byte) v;
                if (k < px / 2) {
                    top += v;
                } else {
                    bottom += v;
                }
            }
            int label = classes == 2 ? (top > bottom ? 1 : 0) : r.nextInt(classes);
            labels[i] = (byte) (flip && classes == 2 ? 1 - label : label);
        }
        return new ImageSet(pixels, labels, SIDE, SIDE, 255, classes);
    }

    public static Architecture mlp(int hidden, int classes) {
        return ImageArchitectures.mlp("synthetic-mlp", Shape.grid(SIDE, SIDE), new int[] {hidden}, classes);
    }

    /**
     * Two conflicting tasks on the same images: task 1's labels are task 0's flipped, so one
     * network cannot do both and fine-tuning on task 1 destroys task 0.
     */
    public static ContinualImageTasks conflicting(int train, int test, int batch) {
        Architecture arch = mlp(16, 2);
        ImageSet a = images(train, 2, 11, false);
        ImageSet b = images(train, 2, 11, true);
        ImageSet ta = images(test, 2, 12, false);
        ImageSet tb = images(test, 2, 12, true);
        int[] outputs = {0, 1};
        return new ContinualImageTasks("conflicting", arch, List.of(
                new ContinualImageTask("conflicting/0", arch, a, range(train), ta, range(test), null, outputs, batch, 100),
                new ContinualImageTask("conflicting/1", arch, b, range(train), tb, range(test), null, outputs, batch, 100)));
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
