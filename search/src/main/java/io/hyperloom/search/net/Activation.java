package io.hyperloom.search.net;

/**
 * Elementwise activation functions of target-network layers, plus softmax over a layer's outputs.
 *
 * <p>Each derivative is written in terms of the activation's output {@code y}, so a backward pass
 * needs only the stored outputs; that is why {@link #RELU} uses {@code y > 0}.
 */
public enum Activation {
    IDENTITY,
    TANH,
    /** The logistic function 1/(1+e^-x). */
    SIGMOID,
    /** NEAT's steepened sigmoid 1/(1+e^(-4.9x)) (Stanley & Miikkulainen 2002). */
    NEAT_SIGMOID,
    RELU,
    /** Softmax over each sample's outputs; only as the last layer's activation. */
    SOFTMAX;

    public double apply(double x) {
        return switch (this) {
            case IDENTITY, SOFTMAX -> x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case NEAT_SIGMOID -> 1.0 / (1.0 + Math.exp(-4.9 * x));
            case RELU -> x > 0 ? x : 0.0;
        };
    }

    /** dy/dx expressed through the output y (not for softmax, whose Jacobian is not diagonal). */
    public double derivativeFromOutput(double y) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case TANH -> 1.0 - y * y;
            case SIGMOID -> y * (1.0 - y);
            case NEAT_SIGMOID -> 4.9 * y * (1.0 - y);
            case RELU -> y > 0 ? 1.0 : 0.0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has no diagonal derivative");
        };
    }

    /**
     * Applies the activation in place to {@code rows × n} values starting at {@code off}; softmax
     * normalises each row of {@code n}.
     */
    public void applyInPlace(double[] v, int off, int rows, int n) {
        int end = off + rows * n;
        switch (this) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = off; i < end; i++) {
                    v[i] = v[i] > 0 ? v[i] : 0.0;
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int o = off + r * n;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        max = Math.max(max, v[o + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        double e = Math.exp(v[o + j] - max);
                        v[o + j] = e;
                        sum += e;
                    }
                    double inv = 1.0 / sum;
                    for (int j = 0; j < n; j++) {
                        v[o + j] *= inv;
                    }
                }
            }
            default -> {
                for (int i = off; i < end; i++) {
                    v[i] = apply(v[i]);
                }
            }
        }
    }

    /**
     * Turns dL/dy into dL/dx in place, given the outputs y ({@code rows × n} from {@code off}).
     * Softmax: dx = y ⊙ (dy − Σⱼ dyⱼ·yⱼ) per row.
     */
    public void backwardInPlace(double[] y, double[] dy, int off, int rows, int n) {
        int end = off + rows * n;
        switch (this) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = off; i < end; i++) {
                    if (!(y[i] > 0)) {
                        dy[i] = 0.0;
                    }
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    int o = off + r * n;
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += dy[o + j] * y[o + j];
                    }
                    for (int j = 0; j < n; j++) {
                        dy[o + j] = y[o + j] * (dy[o + j] - dot);
                    }
                }
            }
            default -> {
                for (int i = off; i < end; i++) {
                    dy[i] *= derivativeFromOutput(y[i]);
                }
            }
        }
    }
}
