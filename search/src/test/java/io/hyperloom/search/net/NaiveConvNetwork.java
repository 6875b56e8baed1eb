package io.hyperloom.search.net;

import io.hyperloom.search.kernel.MatrixKernel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The naive twin of {@link TargetNetwork}: the network as it was before convolutions were
 * batched, kept verbatim so the fast conv path has an obviously-correct reference. Every
 * convolution is an im2col per sample followed by one product {@code K(OC×Q)·col(Q×P)}, and the
 * backward pass recomputes im2col per sample. Test scope only.
 */
final class NaiveConvNetwork implements Network {

    private final Architecture architecture;
    private final ParameterLayout layout;
    private final MatrixKernel kernel;
    private final int maxBatch;
    private final int maxSteps;
    private final Layer[] layers;
    private final Shape[] in;
    private final Shape[] out;
    private final int[] wOff;
    private final int[] uOff;
    private final int[] bOff;
    /** act[l][t]: the input (l = 0) or the output of layer l-1 at step t, maxBatch rows. */
    private final double[][][] act;
    /** Hidden state per recurrent layer, carried between calls; null for others. */
    private final double[][] state;
    /** The state at the start of the recorded sequence (h_{-1}). */
    private final double[][] state0;
    /** Gradient carried back through time per recurrent layer. */
    private final double[][] carry;
    private final int[][][] argmax;
    private final double[] col;
    private final double[] dcol;
    private final double[] gradY;
    private final double[] gradX;
    private double[] weights;
    private int batch;
    private int steps;

    NaiveConvNetwork(Architecture architecture, int maxBatch) {
        this(architecture, maxBatch, 1, MatrixKernel.best());
    }

    NaiveConvNetwork(Architecture architecture, int maxBatch, int maxSteps, MatrixKernel kernel) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        if (maxBatch < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("maxBatch and maxSteps must be >= 1");
        }
        this.maxBatch = maxBatch;
        this.maxSteps = maxSteps;
        this.layout = architecture.layout();
        List<Layer> ls = architecture.layers();
        int n = ls.size();
        layers = ls.toArray(Layer[]::new);
        in = new Shape[n];
        out = new Shape[n];
        wOff = new int[n];
        uOff = new int[n];
        bOff = new int[n];
        Arrays.fill(wOff, -1);
        Arrays.fill(uOff, -1);
        Arrays.fill(bOff, -1);
        for (ParameterTensor t : layout.tensors()) {
            switch (t.role()) {
                case WEIGHT -> wOff[t.layer()] = t.offset();
                case RECURRENT -> uOff[t.layer()] = t.offset();
                case BIAS -> bOff[t.layer()] = t.offset();
            }
        }
        act = new double[n + 1][maxSteps][];
        state = new double[n][];
        state0 = new double[n][];
        carry = new double[n][];
        argmax = new int[n][][];
        int maxSize = architecture.inputSize();
        int maxCol = 0;
        Shape s = architecture.input();
        for (int l = 0; l < n; l++) {
            in[l] = s;
            out[l] = layers[l].outputShape(s);
            s = out[l];
            maxSize = Math.max(maxSize, s.size());
            if (layers[l] instanceof Layer.Conv2d c) {
                maxCol = Math.max(maxCol, in[l].channels() * c.kernel() * c.kernel() * out[l].height() * out[l].width());
            }
            if (layers[l] instanceof Layer.Recurrent) {
                state[l] = new double[maxBatch * s.size()];
                state0[l] = new double[maxBatch * s.size()];
                carry[l] = new double[maxBatch * s.size()];
            }
            if (layers[l] instanceof Layer.MaxPool) {
                argmax[l] = new int[maxSteps][maxBatch * s.size()];
            }
        }
        for (int t = 0; t < maxSteps; t++) {
            act[0][t] = new double[maxBatch * architecture.inputSize()];
            for (int l = 0; l < n; l++) {
                act[l + 1][t] = new double[maxBatch * out[l].size()];
            }
        }
        col = new double[maxCol];
        dcol = new double[maxCol];
        gradY = new double[maxBatch * maxSize];
        gradX = new double[maxBatch * maxSize];
    }

    public Architecture architecture() {
        return architecture;
    }

    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int inputSize() {
        return architecture.inputSize();
    }

    @Override
    public int outputSize() {
        return out[out.length - 1].size();
    }

    /**
     * Binds the flat weight buffer (referenced, not copied) and returns this.
     *
     * @throws IllegalArgumentException if its length is not the layout's weight count
     */
    public NaiveConvNetwork bind(double[] weights) {
        if (weights.length != layout.weightCount()) {
            throw new IllegalArgumentException("weight buffer has " + weights.length + " elements, the layout needs "
                    + layout.weightCount());
        }
        this.weights = weights;
        return this;
    }

    /** Zeroes the hidden state of every recurrent layer. */
    @Override
    public void resetState() {
        for (double[] h : state) {
            if (h != null) {
                Arrays.fill(h, 0.0);
            }
        }
    }

    /**
     * One step for {@code batch} samples: {@code input} holds {@code batch} rows of
     * {@link #inputSize()}; {@code output} receives {@code batch} rows of {@link #outputSize()}.
     *
     * @return {@code output}
     */
    @Override
    public double[] forward(double[] input, int batch, double[] output) {
        checkBatch(batch);
        System.arraycopy(input, 0, act[0][0], 0, batch * inputSize());
        this.batch = batch;
        this.steps = 1;
        saveState();
        forwardStep(0);
        System.arraycopy(act[layers.length][0], 0, output, 0, batch * outputSize());
        return output;
    }

    /**
     * A sequence of {@code inputs.length} steps for {@code batch} parallel sequences, each step's
     * input and output a batch of rows, recorded for {@link #backwardSequence}.
     *
     * @return {@code outputs}
     */
    public double[][] forwardSequence(double[][] inputs, int batch, double[][] outputs) {
        checkBatch(batch);
        if (inputs.length < 1 || inputs.length > maxSteps) {
            throw new IllegalArgumentException("sequence of " + inputs.length + " steps; this network records 1.."
                    + maxSteps);
        }
        this.batch = batch;
        this.steps = inputs.length;
        saveState();
        for (int t = 0; t < steps; t++) {
            System.arraycopy(inputs[t], 0, act[0][t], 0, batch * inputSize());
            forwardStep(t);
            System.arraycopy(act[layers.length][t], 0, outputs[t], 0, batch * outputSize());
        }
        return outputs;
    }

    /**
     * Adds dL/dW for the last {@link #forward} to {@code dWeights} (same flat layout). For a
     * recurrent network the state before that step is treated as a constant.
     *
     * @param dOutput dL/d(outputs), {@code batch} rows; not modified
     * @return {@code dWeights}
     */
    public double[] backward(double[] dOutput, double[] dWeights) {
        return backwardSingle(dOutput, dWeights, false);
    }

    /**
     * As {@link #backward}, but {@code dLogits} is the gradient at the last layer's
     * pre-activation (the logits): the last activation's Jacobian is skipped. Softmax with
     * cross-entropy uses this, since (y − t) is exact where dL/dy would overflow.
     */
    public double[] backwardFromLogits(double[] dLogits, double[] dWeights) {
        return backwardSingle(dLogits, dWeights, true);
    }

    private double[] backwardSingle(double[] dOutput, double[] dWeights, boolean atLogits) {
        if (steps != 1) {
            throw new IllegalStateException("backward follows a single-step forward; use backwardSequence");
        }
        clearCarry();
        backwardStep(0, dOutput, dWeights, atLogits);
        return dWeights;
    }

    /**
     * Backpropagation through the whole recorded sequence of the last {@link #forwardSequence}.
     *
     * @param dOutputs dL/d(outputs) for each step; not modified
     * @return {@code dWeights}, to which the gradient was added
     */
    public double[] backwardSequence(double[][] dOutputs, double[] dWeights) {
        if (dOutputs.length != steps) {
            throw new IllegalArgumentException("expected " + steps + " steps of output gradients, got "
                    + dOutputs.length);
        }
        clearCarry();
        for (int t = steps - 1; t >= 0; t--) {
            backwardStep(t, dOutputs[t], dWeights, false);
        }
        return dWeights;
    }

    private void checkBatch(int batch) {
        if (weights == null) {
            throw new IllegalStateException("no weights bound");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " outside 1.." + maxBatch);
        }
    }

    private void saveState() {
        for (int l = 0; l < layers.length; l++) {
            if (state[l] != null) {
                System.arraycopy(state[l], 0, state0[l], 0, batch * out[l].size());
            }
        }
    }

    private void clearCarry() {
        for (double[] c : carry) {
            if (c != null) {
                Arrays.fill(c, 0, batch * c.length / maxBatch, 0.0);
            }
        }
    }

    private void forwardStep(int t) {
        for (int l = 0; l < layers.length; l++) {
            double[] x = act[l][t];
            double[] y = act[l + 1][t];
            int nIn = in[l].size();
            int nOut = out[l].size();
            switch (layers[l]) {
                case Layer.Dense d -> {
                    // Y(B×U) = X(B×I)·Wᵀ
                    kernel.gemm(false, true, batch, nOut, nIn, x, 0, nIn, weights, wOff[l], nIn, 0.0, y, 0, nOut);
                    addBias(l, y, batch, nOut, 1);
                    d.activation().applyInPlace(y, 0, batch, nOut);
                }
                case Layer.Recurrent r -> {
                    double[] hPrev = t == 0 ? state0[l] : act[l + 1][t - 1];
                    kernel.gemm(false, true, batch, nOut, nIn, x, 0, nIn, weights, wOff[l], nIn, 0.0, y, 0, nOut);
                    // Y += H_{t-1}(B×U)·Uᵀ
                    kernel.gemm(false, true, batch, nOut, nOut, hPrev, 0, nOut, weights, uOff[l], nOut, 1.0, y, 0, nOut);
                    addBias(l, y, batch, nOut, 1);
                    r.activation().applyInPlace(y, 0, batch, nOut);
                    System.arraycopy(y, 0, state[l], 0, batch * nOut);
                }
                case Layer.Conv2d c -> {
                    int q = in[l].channels() * c.kernel() * c.kernel();
                    int p = out[l].height() * out[l].width();
                    for (int s = 0; s < batch; s++) {
                        im2col(x, s * nIn, in[l], c, out[l], col);
                        // out_s(OC×P) = K(OC×Q)·col(Q×P)
                        kernel.gemm(false, false, c.outChannels(), p, q, weights, wOff[l], q, col, 0, p,
                                0.0, y, s * nOut, p);
                    }
                    addBias(l, y, batch * c.outChannels(), 1, p);
                    c.activation().applyInPlace(y, 0, batch, nOut);
                }
                case Layer.MaxPool m -> maxPool(x, y, in[l], out[l], m, argmax[l][t]);
                case Layer.Lstm m -> throw new UnsupportedOperationException("the convolution twin has no LSTM");
            }
        }
    }

    /** Adds bias[u] to every element of unit u: rows of {@code units} units, each unit {@code repeat} wide. */
    private void addBias(int l, double[] y, int rows, int units, int repeat) {
        if (bOff[l] < 0) {
            return;
        }
        int off = bOff[l];
        if (units == 1) {
            // rows are (sample, channel) pairs; the bias index is the channel
            int channels = out[l].channels();
            for (int r = 0; r < rows; r++) {
                double b = weights[off + r % channels];
                int o = r * repeat;
                for (int j = 0; j < repeat; j++) {
                    y[o + j] += b;
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * units;
            for (int u = 0; u < units; u++) {
                y[o + u] += weights[off + u];
            }
        }
    }

    private void backwardStep(int t, double[] dOutput, double[] dW, boolean atLogits) {
        int last = layers.length - 1;
        double[] dy = gradY;
        double[] dx = gradX;
        System.arraycopy(dOutput, 0, dy, 0, batch * out[last].size());
        for (int l = last; l >= 0; l--) {
            double[] x = act[l][t];
            double[] y = act[l + 1][t];
            int nIn = in[l].size();
            int nOut = out[l].size();
            boolean needDx = l > 0;
            switch (layers[l]) {
                case Layer.Dense d -> {
                    if (!(atLogits && l == last)) {
                        d.activation().backwardInPlace(y, dy, 0, batch, nOut);
                    }
                    // dW(U×I) += dZᵀ(U×B)·X(B×I)
                    kernel.gemm(true, false, nOut, nIn, batch, dy, 0, nOut, x, 0, nIn, 1.0, dW, wOff[l], nIn);
                    biasGradient(l, dy, dW, batch, nOut, 1);
                    if (needDx) {
                        // dX(B×I) = dZ(B×U)·W(U×I)
                        kernel.gemm(false, false, batch, nIn, nOut, dy, 0, nOut, weights, wOff[l], nIn, 0.0, dx, 0, nIn);
                    }
                }
                case Layer.Recurrent r -> {
                    double[] c = carry[l];
                    for (int i = 0; i < batch * nOut; i++) {
                        dy[i] += c[i];
                    }
                    r.activation().backwardInPlace(y, dy, 0, batch, nOut);
                    double[] hPrev = t == 0 ? state0[l] : act[l + 1][t - 1];
                    kernel.gemm(true, false, nOut, nIn, batch, dy, 0, nOut, x, 0, nIn, 1.0, dW, wOff[l], nIn);
                    // dU += dZᵀ·H_{t-1}
                    kernel.gemm(true, false, nOut, nOut, batch, dy, 0, nOut, hPrev, 0, nOut, 1.0, dW, uOff[l], nOut);
                    biasGradient(l, dy, dW, batch, nOut, 1);
                    // carry_{t-1} = dZ·U
                    kernel.gemm(false, false, batch, nOut, nOut, dy, 0, nOut, weights, uOff[l], nOut, 0.0, c, 0, nOut);
                    if (needDx) {
                        kernel.gemm(false, false, batch, nIn, nOut, dy, 0, nOut, weights, wOff[l], nIn, 0.0, dx, 0, nIn);
                    }
                }
                case Layer.Conv2d cv -> {
                    cv.activation().backwardInPlace(y, dy, 0, batch, nOut);
                    int q = in[l].channels() * cv.kernel() * cv.kernel();
                    int p = out[l].height() * out[l].width();
                    biasGradient(l, dy, dW, batch * cv.outChannels(), 1, p);
                    if (needDx) {
                        Arrays.fill(dx, 0, batch * nIn, 0.0);
                    }
                    for (int s = 0; s < batch; s++) {
                        im2col(x, s * nIn, in[l], cv, out[l], col);
                        // dK(OC×Q) += dZ_s(OC×P)·colᵀ
                        kernel.gemm(false, true, cv.outChannels(), q, p, dy, s * nOut, p, col, 0, p, 1.0, dW, wOff[l], q);
                        if (needDx) {
                            // dcol(Q×P) = Kᵀ·dZ_s
                            kernel.gemm(true, false, q, p, cv.outChannels(), weights, wOff[l], q, dy, s * nOut, p,
                                    0.0, dcol, 0, p);
                            col2im(dcol, dx, s * nIn, in[l], cv, out[l]);
                        }
                    }
                }
                case Layer.Lstm m -> throw new UnsupportedOperationException("the convolution twin has no LSTM");
                case Layer.MaxPool m -> {
                    if (needDx) {
                        Arrays.fill(dx, 0, batch * nIn, 0.0);
                        int[] idx = argmax[l][t];
                        for (int i = 0; i < batch * nOut; i++) {
                            dx[idx[i]] += dy[i];
                        }
                    }
                }
            }
            double[] tmp = dy;
            dy = dx;
            dx = tmp;
        }
    }

    private void biasGradient(int l, double[] dz, double[] dW, int rows, int units, int repeat) {
        if (bOff[l] < 0) {
            return;
        }
        int off = bOff[l];
        if (units == 1) {
            int channels = out[l].channels();
            for (int r = 0; r < rows; r++) {
                double s = 0;
                int o = r * repeat;
                for (int j = 0; j < repeat; j++) {
                    s += dz[o + j];
                }
                dW[off + r % channels] += s;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * units;
            for (int u = 0; u < units; u++) {
                dW[off + u] += dz[o + u];
            }
        }
    }

    /** col[(c·k + ky)·k + kx][oy·W_out + ox] = x[c][oy·stride + ky − pad][ox·stride + kx − pad], 0 outside. */
    private static void im2col(double[] x, int xOff, Shape is, Layer.Conv2d c, Shape os, double[] col) {
        int k = c.kernel();
        int h = is.height();
        int w = is.width();
        int oh = os.height();
        int ow = os.width();
        int p = oh * ow;
        int stride = c.stride();
        int pad = c.padding();
        for (int ch = 0; ch < is.channels(); ch++) {
            int xc = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        int r = row + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, r, r + ow, 0.0);
                            continue;
                        }
                        int xr = xc + iy * w;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride + kx - pad;
                            col[r + ox] = ix >= 0 && ix < w ? x[xr + ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: dx[c][iy][ix] += dcol at every place im2col read it. */
    private static void col2im(double[] dcol, double[] dx, int xOff, Shape is, Layer.Conv2d c, Shape os) {
        int k = c.kernel();
        int h = is.height();
        int w = is.width();
        int oh = os.height();
        int ow = os.width();
        int p = oh * ow;
        int stride = c.stride();
        int pad = c.padding();
        for (int ch = 0; ch < is.channels(); ch++) {
            int xc = xOff + ch * h * w;
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int row = ((ch * k + ky) * k + kx) * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * stride + ky - pad;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int r = row + oy * ow;
                        int xr = xc + iy * w;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride + kx - pad;
                            if (ix >= 0 && ix < w) {
                                dx[xr + ix] += dcol[r + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    private void maxPool(double[] x, double[] y, Shape is, Shape os, Layer.MaxPool m, int[] idx) {
        int nIn = is.size();
        int nOut = os.size();
        int h = is.height();
        int w = is.width();
        int oh = os.height();
        int ow = os.width();
        for (int s = 0; s < batch; s++) {
            for (int ch = 0; ch < is.channels(); ch++) {
                int xc = s * nIn + ch * h * w;
                int yc = s * nOut + ch * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int best = xc + (oy * m.stride()) * w + ox * m.stride();
                        for (int dy = 0; dy < m.size(); dy++) {
                            int r = xc + (oy * m.stride() + dy) * w + ox * m.stride();
                            for (int dxi = 0; dxi < m.size(); dxi++) {
                                if (x[r + dxi] > x[best]) {
                                    best = r + dxi;
                                }
                            }
                        }
                        y[yc + oy * ow + ox] = x[best];
                        idx[yc + oy * ow + ox] = best;
                    }
                }
            }
        }
    }
}
