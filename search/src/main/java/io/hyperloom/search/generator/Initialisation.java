package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterTensor;

import java.util.random.RandomGenerator;

/**
 * Standard initialisation rules for target weights; other families use {@link #std} to start
 * their generated weights at the same scale.
 */
public enum Initialisation {
    /** Normal, std 1/√fan-in (LeCun 1998): unit variance through tanh-like layers. */
    LECUN,
    /** Normal, std √(2/fan-in) (He et al. 2015), for relu layers. */
    HE,
    /** Normal, std √(2/(fan-in + fan-out)) (Glorot & Bengio 2010). */
    GLOROT,
    /** All zero. */
    ZERO;

    /** The standard deviation of weight tensor {@code t} (0 for biases, which start at zero). */
    public double std(ParameterTensor t) {
        if (t.isBias()) {
            return 0.0;
        }
        int fanIn = t.fanIn();
        // a conv kernel reaches every output channel at k·k offsets
        int window = t.shape().size() == 4 ? t.shape().get(2) * t.shape().get(3) : 1;
        int fanOut = t.target().size() * window;
        return switch (this) {
            case LECUN -> 1.0 / Math.sqrt(fanIn);
            case HE -> Math.sqrt(2.0 / fanIn);
            case GLOROT -> Math.sqrt(2.0 / (fanIn + fanOut));
            case ZERO -> 0.0;
        };
    }

    /** Fills {@code w[t.offset() .. t.end())} with draws of this rule. */
    public void fill(ParameterTensor t, RandomGenerator rng, double[] w) {
        double s = std(t);
        for (int i = t.offset(); i < t.end(); i++) {
            w[i] = s == 0 ? 0.0 : s * rng.nextGaussian();
        }
    }
}
