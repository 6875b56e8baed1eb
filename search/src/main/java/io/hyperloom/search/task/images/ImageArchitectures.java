package io.hyperloom.search.task.images;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;

import java.util.ArrayList;
import java.util.List;

/** The target architectures of the image tasks. Stateless. */
public final class ImageArchitectures {

    public static final String MNIST_CONV = "mnist-conv";
    public static final String MNIST_MLP = "mnist-mlp";

    private ImageArchitectures() {
    }

    /**
     * The convnet of Ha, Dai &amp; Le (2016, §4.1): 7×7 conv 1→16 (same padding, bias, relu),
     * 2×2 max-pool, 7×7 conv 16→16 (same, bias, relu), 2×2 max-pool, dense 784→10 softmax.
     * Its second kernel (l2.w, 16×16×7×7 = 12,544 weights) is the one the paper generates.
     */
    public static Architecture mnistConv() {
        return Architecture.of(MNIST_CONV, new Shape(1, 28, 28),
                Layer.Conv2d.same(16, 7, Activation.RELU),
                new Layer.MaxPool(2, 2),
                Layer.Conv2d.same(16, 7, Activation.RELU),
                new Layer.MaxPool(2, 2),
                new Layer.Dense(10, Activation.SOFTMAX));
    }

    /** 784-256-10, relu hidden, softmax output (Ha et al., Appendix A.1). */
    public static Architecture mnistMlp() {
        return mlp(MNIST_MLP, new Shape(1, 28, 28), new int[] {256}, 10);
    }

    /** A relu MLP with the given hidden widths (none: softmax regression) and a softmax output. */
    public static Architecture mlp(String name, Shape input, int[] hidden, int classes) {
        List<Layer> layers = new ArrayList<>();
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + h);
            }
            layers.add(new Layer.Dense(h, Activation.RELU));
        }
        layers.add(new Layer.Dense(classes, Activation.SOFTMAX));
        return new Architecture(name, input, layers);
    }
}
