package io.hyperloom.cppn.coordnet;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.search.kernel.MatrixKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;
import java.util.Objects;

/**
 * The fixed coordinate MLP evaluated over every coordinate of a tensor at once, as matrix products:
 * the fast path of {@link CoordnetWeightGenerator} (its twin is the general compiled CPPN).
 * Immutable and thread-safe; scratch is per-thread.
 *
 * <p>θ layout (that of {@link CoordnetFamily#mlp}, innovation order): layer l (hidden layers, then
 * the output layer) is a row-major {@code width_l × (fanIn_l + 1)} block, one row per node, its
 * last column the bias weight.
 *
 * <p>How it works (per generated tensor, rows = the tensor's coordinates in flat order, cut into
 * blocks of {@link #BLOCK} rows so the scratch stays in cache):
 * <ol>
 *   <li>The coordinate matrix X (rows × inputs) depends only on the shape: built once.</li>
 *   <li>Forward: Z_l = A_{l−1}·W_lᵀ (one gemm through {@link MatrixKernel}, W_l read in place from
 *       θ with leading dimension fanIn+1, so the bias column is skipped), then
 *       A_l = act(Z_l + b_l) in a tight loop. The output is a dot product per row with the
 *       tensor's output node: w = A_last·w_o + b_o.</li>
 *   <li>Backward: g = dL/dw per row; dw_o += Σ g·A_last, db_o += Σ g; dA_last = g·w_oᵀ (outer
 *       product); per hidden layer from the top: dZ_l = dA_l ⊙ act'(Z_l, A_l),
 *       dW_l += dZ_lᵀ·A_{l−1} (gemm accumulating straight into dθ), db_l += Σ_rows dZ_l,
 *       dA_{l−1} = dZ_l·W_l (gemm). The forward of the block is recomputed first.</li>
 * </ol>
 * Cost per coordinate ≈ 2·Σ_l width_l·(fanIn_l+1) flops forward and twice that backward, plus one
 * activation per hidden unit (tanh: derivative from the output, 1−a²).
 */
final class CoordinateMlp {

    /** Rows per block: Z and A of a 25-wide layer are 200 KB each, so a block's working set sits in L2. */
    static final int BLOCK = 1024;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private final int inputs;
    private final int[] width;
    private final int[] fanIn;
    private final int[] offset;
    private final int thetaCount;
    private final CppnActivation act;
    private final List<double[]> coordinates;
    private final int[] rows;
    private final MatrixKernel kernel;
    private final ThreadLocal<Scratch> scratch;

    /**
     * @param inputs      coordinate inputs (the bias is implicit)
     * @param hidden      hidden widths
     * @param outputs     output nodes (one per generated tensor)
     * @param act         hidden activation
     * @param coordinates per generated tensor, its rows × inputs coordinate matrix (row-major; not copied, never modified)
     */
    CoordinateMlp(int inputs, int[] hidden, int outputs, CppnActivation act, List<double[]> coordinates, MatrixKernel kernel) {
        this.inputs = inputs;
        this.act = Objects.requireNonNull(act, "act");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.coordinates = List.copyOf(coordinates);
        if (this.coordinates.size() != outputs) {
            throw new IllegalArgumentException("one coordinate matrix per output needed: " + outputs + " outputs, "
                    + this.coordinates.size() + " matrices");
        }
        int layers = hidden.length + 1;
        width = new int[layers];
        fanIn = new int[layers];
        offset = new int[layers];
        int off = 0;
        int previous = inputs;
        int max = 1;
        for (int l = 0; l < layers; l++) {
            width[l] = l < hidden.length ? hidden[l] : outputs;
            fanIn[l] = previous;
            offset[l] = off;
            off += width[l] * (previous + 1);
            previous = width[l];
            max = Math.max(max, Math.max(width[l], fanIn[l]));
        }
        thetaCount = off;
        rows = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            if (this.coordinates.get(o).length % inputs != 0) {
                throw new IllegalArgumentException("coordinate matrix " + o + " is not a multiple of " + inputs + " wide");
            }
            rows[o] = this.coordinates.get(o).length / inputs;
        }
        int hiddenLayers = hidden.length;
        int mw = max;
        scratch = ThreadLocal.withInitial(() -> new Scratch(hiddenLayers, mw));
    }

    int thetaCount() {
        return thetaCount;
    }

    int rows(int output) {
        return rows[output];
    }

    /** Writes output {@code o} for every coordinate of its tensor to {@code w[wOff ..]}. */
    void generate(int o, double[] theta, double[] w, int wOff) {
        Scratch s = scratch.get();
        for (int r0 = 0; r0 < rows[o]; r0 += BLOCK) {
            int b = Math.min(BLOCK, rows[o] - r0);
            forward(o, r0, b, theta, s);
            outputs(o, r0, b, theta, s, w, wOff + r0);
        }
    }

    /** Adds (∂w/∂θ)ᵀ·g for output {@code o}, g = {@code dw[dwOff ..]}, to {@code dTheta[0 .. thetaCount)}. */
    void backward(int o, double[] theta, double[] dw, int dwOff, double[] dTheta) {
        Scratch s = scratch.get();
        int top = width.length - 1;
        int h = top - 1; // last hidden layer, −1 when none
        int outRow = offset[top] + o * (fanIn[top] + 1);
        int f = fanIn[top];
        for (int r0 = 0; r0 < rows[o]; r0 += BLOCK) {
            int b = Math.min(BLOCK, rows[o] - r0);
            forward(o, r0, b, theta, s);
            double[] a = h >= 0 ? s.a[h] : coordinates.get(o);
            int aOff = h >= 0 ? 0 : r0 * inputs;
            // output node: dw_o += Σ g·a, db_o += Σ g
            double gb = 0;
            for (int r = 0; r < b; r++) {
                double g = dw[dwOff + r0 + r];
                gb += g;
                int ar = aOff + r * f;
                for (int j = 0; j < f; j++) {
                    dTheta[outRow + j] += g * a[ar + j];
                }
            }
            dTheta[outRow + f] += gb;
            if (h < 0) {
                continue;
            }
            // dA_last = g·w_oᵀ, then through the hidden layers
            double[] d = s.d;
            for (int r = 0; r < b; r++) {
                double g = dw[dwOff + r0 + r];
                int dr = r * f;
                for (int j = 0; j < f; j++) {
                    d[dr + j] = g * theta[outRow + j];
                }
            }
            for (int l = h; l >= 0; l--) {
                int w = width[l];
                int fi = fanIn[l];
                double[] z = s.z[l];
                double[] al = s.a[l];
                derivative(d, z, al, b * w); // dZ = dA ⊙ act'
                double[] prev = l > 0 ? s.a[l - 1] : coordinates.get(o);
                int prevOff = l > 0 ? 0 : r0 * inputs;
                kernel.gemm(true, false, w, fi, b, d, 0, w, prev, prevOff, fi, 1.0, dTheta, offset[l], fi + 1);
                for (int r = 0; r < b; r++) {
                    int dr = r * w;
                    for (int j = 0; j < w; j++) {
                        dTheta[offset[l] + j * (fi + 1) + fi] += d[dr + j]; // db += Σ dZ
                    }
                }
                if (l > 0) {
                    kernel.gemm(false, false, b, fi, w, d, 0, w, theta, offset[l], fi + 1, 0.0, s.d2, 0, fi);
                    double[] t = s.d;
                    s.d = s.d2;
                    s.d2 = t;
                    d = s.d;
                }
            }
        }
    }

    /** Hidden layers of rows r0 .. r0+b into the scratch: z = pre-activation (bias included), a = act(z). */
    private void forward(int o, int r0, int b, double[] theta, Scratch s) {
        double[] prev = coordinates.get(o);
        int prevOff = r0 * inputs;
        for (int l = 0; l < width.length - 1; l++) {
            int w = width[l];
            int fi = fanIn[l];
            double[] z = s.z[l];
            double[] a = s.a[l];
            kernel.gemm(false, true, b, w, fi, prev, prevOff, fi, theta, offset[l], fi + 1, 0.0, z, 0, w);
            int biasAt = offset[l] + fi;
            for (int r = 0; r < b; r++) {
                int zr = r * w;
                for (int j = 0; j < w; j++) {
                    z[zr + j] += theta[biasAt + j * (fi + 1)];
                }
            }
            activate(z, a, b * w);
            prev = a;
            prevOff = 0;
        }
    }

    /**
     * a = act(z) over n elements; the switch sits outside the loops so each loop stays tight, and
     * tanh and sine go through the Vector API's lane-wise intrinsics (several times faster than
     * {@code Math.tanh} per element; they agree with it to a few ulps).
     */
    private void activate(double[] z, double[] a, int n) {
        switch (act) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.max(z[i], 0.0);
                }
            }
            case TANH -> lanewise(VectorOperators.TANH, z, a, n);
            case SINE -> lanewise(VectorOperators.SIN, z, a, n);
            case IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            default -> {
                System.arraycopy(z, 0, a, 0, n);
                act.applyInPlace(a, 0, n);
            }
        }
    }

    private static void lanewise(VectorOperators.Unary op, double[] z, double[] a, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length()) {
            DoubleVector.fromArray(S, z, i).lanewise(op).intoArray(a, i);
        }
        for (; i < n; i++) {
            a[i] = op == VectorOperators.TANH ? Math.tanh(z[i]) : Math.sin(z[i]);
        }
    }

    /** d *= act'(z, a) over n elements, specialised like {@link #activate}. */
    private void derivative(double[] d, double[] z, double[] a, int n) {
        switch (act) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] = z[i] > 0 ? d[i] : 0.0;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= 1.0 - a[i] * a[i];
                }
            }
            case IDENTITY -> { }
            default -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= act.derivative(z[i], a[i]);
                }
            }
        }
    }

    /** w[r] = a_last[r]·w_o + b_o for the b rows of the block starting at row r0. */
    private void outputs(int o, int r0, int b, double[] theta, Scratch s, double[] w, int wOff) {
        int top = width.length - 1;
        int f = fanIn[top];
        int row = offset[top] + o * (f + 1);
        double[] a = top == 0 ? coordinates.get(o) : s.a[top - 1];
        int aOff = top == 0 ? r0 * inputs : 0;
        double bias = theta[row + f];
        for (int r = 0; r < b; r++) {
            double sum = bias;
            int ar = aOff + r * f;
            for (int j = 0; j < f; j++) {
                sum += a[ar + j] * theta[row + j];
            }
            w[wOff + r] = sum;
        }
    }

    /** Per-thread buffers: per hidden layer z and a (BLOCK × width), and two delta buffers. */
    private static final class Scratch {
        final double[][] z;
        final double[][] a;
        double[] d;
        double[] d2;

        Scratch(int hidden, int maxWidth) {
            z = new double[hidden][BLOCK * maxWidth];
            a = new double[hidden][BLOCK * maxWidth];
            d = new double[BLOCK * maxWidth];
            d2 = new double[BLOCK * maxWidth];
        }
    }
}
