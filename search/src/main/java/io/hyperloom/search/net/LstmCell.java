package io.hyperloom.search.net;

/**
 * The element-wise parts of an LSTM step and their backward passes, on rows of a batch: gate
 * activations, the cell update, the hidden output and layer normalisation. The matrix products
 * around them belong to the caller (through its {@code MatrixKernel}); {@link TargetNetwork}'s
 * {@link Layer.Lstm} and the HyperLSTM of the {@code hypernet} module share these.
 *
 * <p>Layout: a row of gates holds 4H values in the order i, f, g, o (see {@link Layer.Lstm}).
 * Every method works in place on caller-owned buffers and allocates nothing; stateless.
 */
public final class LstmCell {

    /** Added to the variance in layer normalisation. */
    public static final double LN_EPSILON = 1e-5;

    private LstmCell() {
    }

    /** Pre-activations → activations in place: i, f, o = σ(a), g = tanh(a); {@code rows} rows of 4h. */
    public static void activateGates(double[] a, int rows, int h) {
        int h4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int o = r * h4;
            for (int j = 0; j < h4; j++) {
                double v = a[o + j];
                a[o + j] = j >= 2 * h && j < 3 * h ? Math.tanh(v) : 1.0 / (1.0 + Math.exp(-v));
            }
        }
    }

    /** c = f⊙cPrev + i⊙g from activated gates; {@code c} modified, the rest not. */
    public static void cell(double[] a, double[] cPrev, double[] c, int rows, int h) {
        int h4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int g = r * h4;
            int o = r * h;
            for (int j = 0; j < h; j++) {
                c[o + j] = a[g + h + j] * cPrev[o + j] + a[g + j] * a[g + 2 * h + j];
            }
        }
    }

    /** s ← tanh(s) in place, then out = o⊙s; {@code s} is c (or LN(c)) on entry. */
    public static void hidden(double[] a, double[] s, double[] out, int rows, int h) {
        int h4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int g = r * h4 + 3 * h;
            int o = r * h;
            for (int j = 0; j < h; j++) {
                double t = Math.tanh(s[o + j]);
                s[o + j] = t;
                out[o + j] = a[g + j] * t;
            }
        }
    }

    /**
     * Backward of {@link #hidden}: writes dA_o = dh⊙s⊙o(1−o) into the o block of {@code dA} and
     * ds = dh⊙o⊙(1−s²) (the gradient at tanh's input) into {@code ds}. {@code s} is tanh's output.
     */
    public static void hiddenBackward(double[] dh, double[] a, double[] s, double[] ds, double[] dA, int rows, int h) {
        int h4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int g = r * h4 + 3 * h;
            int o = r * h;
            for (int j = 0; j < h; j++) {
                double og = a[g + j];
                double t = s[o + j];
                double d = dh[o + j];
                dA[g + j] = d * t * og * (1 - og);
                ds[o + j] = d * og * (1 - t * t);
            }
        }
    }

    /**
     * Backward of {@link #cell} and the gate activations: dc = ds + dcCarry; dA_i = dc⊙g⊙i(1−i),
     * dA_f = dc⊙cPrev⊙f(1−f), dA_g = dc⊙i⊙(1−g²); then dcCarry ← dc⊙f (what flows to c_{t-1}).
     * The o block of {@code dA} is left as {@link #hiddenBackward} wrote it.
     */
    public static void cellBackward(double[] ds, double[] dcCarry, double[] a, double[] cPrev, double[] dA,
                                    int rows, int h) {
        int h4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int g = r * h4;
            int o = r * h;
            for (int j = 0; j < h; j++) {
                double dc = ds[o + j] + dcCarry[o + j];
                double ig = a[g + j];
                double fg = a[g + h + j];
                double gg = a[g + 2 * h + j];
                dA[g + j] = dc * gg * ig * (1 - ig);
                dA[g + h + j] = dc * cPrev[o + j] * fg * (1 - fg);
                dA[g + 2 * h + j] = dc * ig * (1 - gg * gg);
                dcCarry[o + j] = dc * fg;
            }
        }
    }

    /**
     * Layer normalisation in place over {@code blocks} blocks of {@code width} per row:
     * {@code v ← x̂⊙(1 + gain) + shift}, x̂ = (v − mean)/√(var + ε) per block. Gains are stored as
     * offsets from 1. Records x̂ ({@code rows × blocks·width}) and 1/√(var + ε) ({@code rows × blocks})
     * for the backward pass.
     */
    public static void layerNorm(double[] v, int rows, int blocks, int width, double[] p, int gainOff, int shiftOff,
                                 double[] xhat, double[] inv) {
        int n = blocks * width;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < blocks; k++) {
                int o = r * n + k * width;
                double mean = 0;
                for (int j = 0; j < width; j++) {
                    mean += v[o + j];
                }
                mean /= width;
                double var = 0;
                for (int j = 0; j < width; j++) {
                    double d = v[o + j] - mean;
                    var += d * d;
                }
                double is = 1.0 / Math.sqrt(var / width + LN_EPSILON);
                inv[r * blocks + k] = is;
                int po = k * width;
                for (int j = 0; j < width; j++) {
                    double xh = (v[o + j] - mean) * is;
                    xhat[o + j] = xh;
                    v[o + j] = xh * (1 + p[gainOff + po + j]) + p[shiftOff + po + j];
                }
            }
        }
    }

    /**
     * Backward of {@link #layerNorm}: {@code dv} holds dL/d(output) on entry and dL/d(input) on
     * return; dGain += Σ_rows dv⊙x̂ and dShift += Σ_rows dv are added into {@code dp}.
     * dx = (1/σ)·(dx̂ − mean(dx̂) − x̂⊙mean(dx̂⊙x̂)) per block, dx̂ = dv⊙(1 + gain).
     */
    public static void layerNormBackward(double[] dv, int rows, int blocks, int width, double[] p, int gainOff,
                                         double[] xhat, double[] inv, double[] dp, int dGainOff, int dShiftOff) {
        int n = blocks * width;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < blocks; k++) {
                int o = r * n + k * width;
                int po = k * width;
                double sum = 0;
                double dot = 0;
                for (int j = 0; j < width; j++) {
                    double d = dv[o + j];
                    double xh = xhat[o + j];
                    dp[dGainOff + po + j] += d * xh;
                    dp[dShiftOff + po + j] += d;
                    double dxh = d * (1 + p[gainOff + po + j]);
                    dv[o + j] = dxh;
                    sum += dxh;
                    dot += dxh * xh;
                }
                double mean = sum / width;
                double meanDot = dot / width;
                double is = inv[r * blocks + k];
                for (int j = 0; j < width; j++) {
                    dv[o + j] = is * (dv[o + j] - mean - xhat[o + j] * meanDot);
                }
            }
        }
    }
}
