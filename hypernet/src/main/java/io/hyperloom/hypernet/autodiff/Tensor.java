package io.hyperloom.hypernet.autodiff;

import java.util.Arrays;

/**
 * A dense row-major matrix on a {@link Tape}: its value and the gradient the tape accumulates into
 * it. Element (i, j) lies at index {@code i·cols + j} of {@link #value()} and {@link #grad()}.
 *
 * <p>Mutable scratch, owned by the tape that made it: the arrays are returned by reference (not
 * copied) so callers can read results and seed leaves without allocation. Not thread-safe.
 */
public final class Tensor {

    private final int rows;
    private final int cols;
    private final double[] value;
    private final double[] grad;

    Tensor(int rows, int cols, double[] value) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("tensor extents must be >= 1, got " + rows + "×" + cols);
        }
        if (value.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " tensor needs " + rows * cols
                    + " values, got " + value.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.value = value;
        this.grad = new double[value.length];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int size() {
        return value.length;
    }

    /** The values, by reference (modified only by the op that produced them, or by the caller for a leaf). */
    public double[] value() {
        return value;
    }

    /** dL/d(this), by reference; filled by {@link Tape#backward}. */
    public double[] grad() {
        return grad;
    }

    public double get(int i, int j) {
        return value[i * cols + j];
    }

    /** The single value of a 1×1 tensor. */
    public double scalar() {
        if (value.length != 1) {
            throw new IllegalStateException("not a scalar: " + rows + "×" + cols);
        }
        return value[0];
    }

    void zeroGrad() {
        Arrays.fill(grad, 0.0);
    }

    boolean sameShape(Tensor o) {
        return rows == o.rows && cols == o.cols;
    }

    @Override
    public String toString() {
        return "Tensor[" + rows + "×" + cols + "]";
    }
}
