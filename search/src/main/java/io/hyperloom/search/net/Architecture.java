package io.hyperloom.search.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable target-network architecture: an input shape and a stack of layers.
 *
 * {@snippet :
 * Architecture mlp = Architecture.of("mnist-mlp", new Shape(1, 28, 28),
 *         new Layer.Dense(256, Activation.RELU),
 *         new Layer.Dense(10, Activation.SOFTMAX));
 * ParameterLayout layout = mlp.layout();   // weight tensors with substrate geometry
 * }
 *
 * <p>Tensor names are {@code l<i>.w}, {@code l<i>.u} (recurrent, LSTM) and {@code l<i>.b}, with i the
 * layer index; a layer-normalised LSTM adds {@code l<i>.ln.gain}, {@code .ln.shift} (4H each, per gate
 * row) and {@code .ln.cell-gain}, {@code .ln.cell-shift} (H each), all with role BIAS, in this order
 * right after {@code l<i>.b}. LSTM gate rows come in the order i, f, g, o (see {@link Layer.Lstm}). Thread-safe; callers that need the layout often keep the one {@link #layout()} returns.
 */
public record Architecture(String name, Shape input, List<Layer> layers) {

    public Architecture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs at least one layer");
        }
        Shape s = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            s = l.outputShape(s);
            if (l.activation() == Activation.SOFTMAX && (i != layers.size() - 1 || !(l instanceof Layer.Dense))) {
                throw new IllegalArgumentException("softmax is allowed only on the last layer, a dense one");
            }
        }
    }

    public static Architecture of(String name, Shape input, Layer... layers) {
        return new Architecture(name, input, List.of(layers));
    }

    /** The shape each layer produces, in order (so {@code shapes().get(i)} is layer i's output). */
    public List<Shape> shapes() {
        List<Shape> out = new ArrayList<>(layers.size());
        Shape s = input;
        for (Layer l : layers) {
            s = l.outputShape(s);
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** The shape layer {@code i} receives. */
    public Shape inputOf(int i) {
        return i == 0 ? input : shapes().get(i - 1);
    }

    public Shape output() {
        List<Shape> s = shapes();
        return s.get(s.size() - 1);
    }

    public int inputSize() {
        return input.size();
    }

    public int outputSize() {
        return output().size();
    }

    public boolean isRecurrent() {
        return layers.stream().anyMatch(l -> l instanceof Layer.Recurrent || l instanceof Layer.Lstm);
    }

    /** The parameter layout with geometry; see {@link ParameterTensor} for the conventions. */
    public ParameterLayout layout() {
        List<ParameterTensor> tensors = new ArrayList<>();
        int offset = 0;
        Shape in = input;
        int n = layers.size();
        for (int i = 0; i < n; i++) {
            Layer l = layers.get(i);
            Shape out = l.outputShape(in);
            double depth = n == 1 ? 1.0 : Shape.axis(i, n);
            switch (l) {
                case Layer.Dense d -> {
                    offset = add(tensors, new ParameterTensor("l" + i + ".w", ParameterTensor.Role.WEIGHT, i, depth,
                            List.of(d.units(), in.size()), offset, in, out));
                    if (d.bias()) {
                        offset = add(tensors, new ParameterTensor("l" + i + ".b", ParameterTensor.Role.BIAS, i, depth,
                                List.of(d.units()), offset, null, out));
                    }
                }
                case Layer.Conv2d c -> {
                    Shape window = new Shape(in.channels(), c.kernel(), c.kernel());
                    Shape channels = new Shape(c.outChannels(), 1, 1);
                    offset = add(tensors, new ParameterTensor("l" + i + ".w", ParameterTensor.Role.WEIGHT, i, depth,
                            List.of(c.outChannels(), in.channels(), c.kernel(), c.kernel()), offset, window, channels));
                    if (c.bias()) {
                        offset = add(tensors, new ParameterTensor("l" + i + ".b", ParameterTensor.Role.BIAS, i, depth,
                                List.of(c.outChannels()), offset, null, channels));
                    }
                }
                case Layer.Recurrent r -> {
                    offset = add(tensors, new ParameterTensor("l" + i + ".w", ParameterTensor.Role.WEIGHT, i, depth,
                            List.of(r.units(), in.size()), offset, in, out));
                    offset = add(tensors, new ParameterTensor("l" + i + ".u", ParameterTensor.Role.RECURRENT, i, depth,
                            List.of(r.units(), r.units()), offset, out, out));
                    if (r.bias()) {
                        offset = add(tensors, new ParameterTensor("l" + i + ".b", ParameterTensor.Role.BIAS, i, depth,
                                List.of(r.units()), offset, null, out));
                    }
                }
                case Layer.Lstm m -> {
                    // gate rows on a 4-channel sheet (i, f, g, o) over the unit sheet
                    Shape gates = m.gateSheet();
                    int h = m.units();
                    offset = add(tensors, new ParameterTensor("l" + i + ".w", ParameterTensor.Role.WEIGHT, i, depth,
                            List.of(4 * h, in.size()), offset, in, gates));
                    offset = add(tensors, new ParameterTensor("l" + i + ".u", ParameterTensor.Role.RECURRENT, i, depth,
                            List.of(4 * h, h), offset, out, gates));
                    offset = add(tensors, new ParameterTensor("l" + i + ".b", ParameterTensor.Role.BIAS, i, depth,
                            List.of(4 * h), offset, null, gates));
                    if (m.layerNorm()) {
                        // gains stored as γ − 1, so a zero initialisation is the identity
                        offset = add(tensors, new ParameterTensor("l" + i + ".ln.gain", ParameterTensor.Role.BIAS, i,
                                depth, List.of(4 * h), offset, null, gates));
                        offset = add(tensors, new ParameterTensor("l" + i + ".ln.shift", ParameterTensor.Role.BIAS, i,
                                depth, List.of(4 * h), offset, null, gates));
                        offset = add(tensors, new ParameterTensor("l" + i + ".ln.cell-gain", ParameterTensor.Role.BIAS, i,
                                depth, List.of(h), offset, null, out));
                        offset = add(tensors, new ParameterTensor("l" + i + ".ln.cell-shift", ParameterTensor.Role.BIAS,
                                i, depth, List.of(h), offset, null, out));
                    }
                }
                case Layer.MaxPool p -> { }
            }
            in = out;
        }
        return new ParameterLayout(tensors);
    }

    private static int add(List<ParameterTensor> tensors, ParameterTensor t) {
        tensors.add(t);
        return t.end();
    }

    /** One line per layer, for listings. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(": input ").append(input);
        for (Layer l : layers) {
            sb.append(" → ").append(l.describe());
        }
        return sb.toString();
    }
}
