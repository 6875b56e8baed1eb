package io.hyperloom.search.net;

/**
 * The natural shape of a layer of neurons: {@code channels} sheets of {@code height × width}.
 *
 * <p>Neuron {@code i} of the layer lies at channel {@code i / (height·width)}, row
 * {@code (i / width) % height}, column {@code i % width} (channel-major, row-major, the layout of
 * every activation buffer). Its substrate coordinates spread each axis evenly over [-1, 1]; an
 * axis of extent 1 sits at 0.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "shape extents must be >= 1, got " + channels + "×" + height + "×" + width);
        }
    }

    /** A single sheet, {@code height × width}. */
    public static Shape grid(int height, int width) {
        return new Shape(1, height, width);
    }

    /** A vector of {@code n} neurons laid out as a square sheet where {@code n} is a square, else a row. */
    public static Shape vector(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? new Shape(1, side, side) : new Shape(1, 1, n);
    }

    public int size() {
        return channels * height * width;
    }

    /** The coordinate in [-1, 1] of index {@code i} on an axis of {@code extent} positions. */
    public static double axis(int i, int extent) {
        return extent == 1 ? 0.0 : -1.0 + 2.0 * i / (extent - 1);
    }

    public double x(int neuron) {
        return axis(neuron % width, width);
    }

    public double y(int neuron) {
        return axis((neuron / width) % height, height);
    }

    /** The channel coordinate in [-1, 1]. */
    public double z(int neuron) {
        return axis(neuron / (height * width), channels);
    }

    /** Writes (x, y, z) of {@code neuron} into {@code out[0..2]} and returns {@code out}. */
    public double[] coordinates(int neuron, double[] out) {
        out[0] = x(neuron);
        out[1] = y(neuron);
        out[2] = z(neuron);
        return out;
    }

    @Override
    public String toString() {
        return channels == 1 ? height + "×" + width : channels + "×" + height + "×" + width;
    }
}
