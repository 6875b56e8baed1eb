package io.hyperloom.hypernet.model;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;

/** Target architectures the tests share. */
final class Layouts {

    /** Ha et al.'s MNIST convnet: tensors l0.w, l0.b, l2.w (16→16, 7×7: 12,544 weights), l2.b, l4.w, l4.b. */
    static final Architecture MNIST_CONV = Architecture.of("mnist-conv", new Shape(1, 28, 28),
            Layer.Conv2d.same(16, 7, Activation.RELU), new Layer.MaxPool(2, 2),
            Layer.Conv2d.same(16, 7, Activation.RELU), new Layer.MaxPool(2, 2),
            new Layer.Dense(10, Activation.SOFTMAX));

    static final Architecture MNIST_MLP = Architecture.of("mnist-mlp", new Shape(1, 28, 28),
            new Layer.Dense(256, Activation.RELU), new Layer.Dense(10, Activation.SOFTMAX));

    /** A small convnet: 3→5 channels 3×3, then dense to 4. */
    static final Architecture SMALL_CONV = Architecture.of("small-conv", new Shape(3, 4, 4),
            Layer.Conv2d.same(5, 3, Activation.RELU), new Layer.Dense(4, Activation.SOFTMAX));

    /** A 5×5 boxes-like field fully connected to a 5×5 target field. */
    static final Architecture DENSE_25 = Architecture.of("boxes-5", Shape.grid(5, 5),
            new Layer.Dense(Shape.grid(5, 5), Activation.SOFTMAX, true));

    /** Conv, pool, recurrent and dense layers together. */
    static final Architecture MIXED = Architecture.of("mixed", new Shape(2, 6, 6),
            Layer.Conv2d.same(3, 3, Activation.TANH), new Layer.MaxPool(2, 2),
            new Layer.Recurrent(5, Activation.TANH), new Layer.Dense(3, Activation.SOFTMAX));

    private Layouts() {
    }
}
