package io.hyperloom.search.net;

import java.util.Objects;

/**
 * One layer of an {@link Architecture}: a closed family of immutable values.
 *
 * <p>A layer knows the shape it produces from the shape it receives; its parameters are laid out
 * by {@link ParameterLayout}.
 */
public sealed interface Layer permits Layer.Dense, Layer.Conv2d, Layer.MaxPool, Layer.Recurrent, Layer.Lstm {

    /** The shape this layer produces from {@code input}. */
    Shape outputShape(Shape input);

    Activation activation();

    /** A short description for listings, e.g. {@code dense 121 softmax}. */
    String describe();

    /**
     * A fully connected layer: {@code y = f(W·x + b)}, W stored {@code [units][inputs]}.
     *
     * @param grid the sheet the units are laid out on (its size is the unit count)
     */
    record Dense(Shape grid, Activation activation, boolean bias) implements Layer {
        public Dense {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(activation, "activation");
        }

        public Dense(int units, Activation activation) {
            this(Shape.vector(units), activation, true);
        }

        public int units() {
            return grid.size();
        }

        @Override
        public Shape outputShape(Shape input) {
            return grid;
        }

        @Override
        public String describe() {
            return "dense " + grid + " " + activation.name().toLowerCase() + (bias ? "" : " no-bias");
        }
    }

    /**
     * A 2-D convolution, kernel stored {@code [outChannels][inChannels][kernel][kernel]}.
     *
     * @param padding zero padding on every side; {@code (kernel - 1) / 2} keeps the size at stride 1
     */
    record Conv2d(int outChannels, int kernel, int stride, int padding, Activation activation, boolean bias)
            implements Layer {
        public Conv2d {
            if (outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
                throw new IllegalArgumentException("conv2d needs outChannels, kernel, stride >= 1 and padding >= 0");
            }
            Objects.requireNonNull(activation, "activation");
            if (activation == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is only for the last dense layer");
            }
        }

        /** Stride 1, "same" padding, with bias. */
        public static Conv2d same(int outChannels, int kernel, Activation activation) {
            return new Conv2d(outChannels, kernel, 1, (kernel - 1) / 2, activation, true);
        }

        @Override
        public Shape outputShape(Shape input) {
            int h = (input.height() + 2 * padding - kernel) / stride + 1;
            int w = (input.width() + 2 * padding - kernel) / stride + 1;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("conv2d " + kernel + "×" + kernel + " does not fit input " + input);
            }
            return new Shape(outChannels, h, w);
        }

        @Override
        public String describe() {
            return "conv2d " + kernel + "×" + kernel + "→" + outChannels + " stride " + stride + " pad " + padding
                    + " " + activation.name().toLowerCase();
        }
    }

    /** Max-pooling over {@code size × size} windows, per channel. */
    record MaxPool(int size, int stride) implements Layer {
        public MaxPool {
            if (size < 1 || stride < 1) {
                throw new IllegalArgumentException("max-pool size and stride must be >= 1");
            }
        }

        @Override
        public Shape outputShape(Shape input) {
            int h = (input.height() - size) / stride + 1;
            int w = (input.width() - size) / stride + 1;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("max-pool " + size + " does not fit input " + input);
            }
            return new Shape(input.channels(), h, w);
        }

        @Override
        public Activation activation() {
            return Activation.IDENTITY;
        }

        @Override
        public String describe() {
            return "max-pool " + size + "×" + size + " stride " + stride;
        }
    }

    /**
     * An Elman recurrent layer: {@code h_t = f(W·x_t + U·h_{t-1} + b)}, W {@code [units][inputs]},
     * U {@code [units][units]}; the state starts at zero.
     */
    record Recurrent(Shape grid, Activation activation, boolean bias) implements Layer {
        public Recurrent {
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(activation, "activation");
            if (activation == Activation.SOFTMAX) {
                throw new IllegalArgumentException("softmax is only for the last dense layer");
            }
        }

        public Recurrent(int units, Activation activation) {
            this(Shape.vector(units), activation, true);
        }

        public int units() {
            return grid.size();
        }

        @Override
        public Shape outputShape(Shape input) {
            return grid;
        }

        @Override
        public String describe() {
            return "recurrent " + grid + " " + activation.name().toLowerCase();
        }
    }

    /**
     * A long short-term memory layer (Hochreiter &amp; Schmidhuber 1997, with forget gate), optionally
     * layer-normalised (Ba, Kiros &amp; Hinton 2016).
     *
     * <p>Per step: {@code a = W·x_t + U·h_{t-1} + b} with W {@code [4H][inputs]}, U {@code [4H][H]}, b
     * {@code [4H]}, the rows in gate order i, f, g, o (input gate, forget gate, candidate, output gate);
     * {@code i, f, o = σ(a_i, a_f, a_o)}, {@code g = tanh(a_g)}, {@code c_t = f⊙c_{t-1} + i⊙g},
     * {@code h_t = o⊙tanh(c_t)}. With layer norm, each gate block of a is normalised over its H units
     * before its gain and shift, {@code â_k = LN(a_k)⊙(1 + γ_k) + β_k}, and so is the cell before the
     * output tanh, {@code h_t = o⊙tanh(LN(c_t)⊙(1 + γ_c) + β_c)}. The gains are stored as offsets from 1
     * so that every family's zero bias initialisation starts them at the identity. Hidden and cell state
     * start at zero.
     *
     * @param grid      the sheet the H units are laid out on
     * @param layerNorm whether gates and cell are layer-normalised
     */
    record Lstm(Shape grid, boolean layerNorm) implements Layer {
        public Lstm {
            Objects.requireNonNull(grid, "grid");
        }

        public Lstm(int units, boolean layerNorm) {
            this(Shape.vector(units), layerNorm);
        }

        public int units() {
            return grid.size();
        }

        /** The sheet of the 4H gate rows: four channels (i, f, g, o) over the unit sheet. */
        public Shape gateSheet() {
            return new Shape(4, grid.height(), grid.width());
        }

        @Override
        public Shape outputShape(Shape input) {
            return grid;
        }

        /** h = o⊙tanh(c): tanh-bounded outputs. */
        @Override
        public Activation activation() {
            return Activation.TANH;
        }

        @Override
        public String describe() {
            return "lstm " + grid + (layerNorm ? " layer-norm" : "");
        }
    }
}
