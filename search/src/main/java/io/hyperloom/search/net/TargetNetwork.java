package io.hyperloom.search.net;

import io.hyperloom.search.kernel.ConvKernel;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.kernel.PlainConvKernel;
import io.hyperloom.search.kernel.PlainKernel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Architecture} bound to a flat weight buffer: batched forward and backward passes.
 *
 * {@snippet :
 * TargetNetwork net = new TargetNetwork(arch, 64);   // up to 64 samples at once
 * net.bind(weights);                                 // referenced, not copied
 * net.forward(inputs, 64, outputs);                  // inputs: 64 rows of arch.inputSize()
 * net.backward(dOutputs, dWeights);                  // dWeights += dL/dW, same flat layout
 * }
 *
 * <p>How it works. Activations are rows of samples, row-major, every buffer allocated once for
 * {@code maxBatch} samples and {@code maxSteps} time steps, so passes allocate nothing. Dense and
 * recurrent layers are one matrix product over the batch, through the {@link MatrixKernel}. A
 * stride-1 convolution (padding at most kernel − 1) runs without im2col through the
 * {@link ConvKernel}: the batch's inputs are copied once into zero-bordered planes, then
 * <ol>
 *   <li>forward: y = correlate(padded x, K) for the whole batch;</li>
 *   <li>dK += Σ dZ ⋆ padded x (the kernel gradient, summed over the batch);</li>
 *   <li>dX = correlate(dZ padded by kernel − 1 − padding, K flipped in both axes with its
 *       in/out channels swapped), the adjoint of the forward correlation.</li>
 * </ol>
 * im2col materialised Q = C·k² copies of every input pixel (a 1.2 MB matrix per sample for the
 * second mnist-conv layer) and cost more than the product it fed; reading the padded planes
 * through an offset table costs nothing extra. Other convolutions (stride &gt; 1) keep the
 * im2col per sample and one product {@code out(OC×P) = K(OC×Q)·col(Q×P)}. An LSTM step is one
 * product each for W·x and U·h over the batch plus the element-wise {@link LstmCell}. A recurrent
 * network keeps its hidden (and LSTM cell) state between calls ({@link #resetState()} zeroes it);
 * {@link #forwardSequence} records every step so that
 * {@link #backwardSequence} can run backpropagation through time. Outputs of the last layer are
 * post-activation (softmax included); dOutput is dL/d(those outputs).
 *
 * <p>Not thread-safe: one instance per thread (it is the per-thread scratch). The weight buffer
 * is owned by the caller and must not change between a forward pass and its backward pass.
 */
public final class TargetNetwork implements SequenceNetwork {

    private final Architecture architecture;
    private final ParameterLayout layout;
    private final MatrixKernel kernel;
    private final ConvKernel conv;
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
    /** Zero-bordered copies of a conv layer's batch input (fast conv path only, else null). */
    private final double[][] padX;
    /**
     * Zero-bordered copies of a conv layer's output gradient, for its input gradient (fast path,
     * l > 0); allocated by the first backward pass, so forward-only networks do not carry them.
     */
    private final double[][] padDy;
    /** A conv layer's kernel flipped in both axes with in/out channels swapped (fast path, l > 0). */
    private final double[][] flipped;
    private final double[] col;
    private final double[] dcol;
    private final double[] gradY;
    private final double[] gradX;
    /** Per LSTM layer: offset of the layer-norm parameters (gains, shifts, cell gain, cell shift), or -1. */
    private final int[] lnOff;
    /** Per LSTM layer: the cell state carried between calls, c_{-1} of the recorded sequence, and dL/dc carried back. */
    private final double[][] cellState;
    private final double[][] cellState0;
    private final double[][] carryCell;
    /** Per LSTM layer and step: activated gates (4H), cell c_t, tanh of the (normalised) cell. */
    private final double[][][] gates;
    private final double[][][] cells;
    private final double[][][] tanhCells;
    /** Per layer-normalised LSTM layer and step: x̂ and 1/σ of the gates and of the cell. */
    private final double[][][] gateHat;
    private final double[][][] gateInv;
    private final double[][][] cellHat;
    private final double[][][] cellInv;
    /** LSTM backward scratch: dL/d(gate pre-activations) and dL/d(cell) of one step. */
    private final double[] lstmDA;
    private final double[] lstmDS;
    private double[] weights;
    private int batch;
    private int steps;

    public TargetNetwork(Architecture architecture, int maxBatch) {
        this(architecture, maxBatch, 1, MatrixKernel.best());
    }

    /** With the conv kernel that matches {@code kernel}: the plain one beside the plain matrix kernel, else the best. */
    public TargetNetwork(Architecture architecture, int maxBatch, int maxSteps, MatrixKernel kernel) {
        this(architecture, maxBatch, maxSteps, kernel,
                kernel instanceof PlainKernel ? PlainConvKernel.INSTANCE : ConvKernel.best());
    }

    public TargetNetwork(Architecture architecture, int maxBatch, int maxSteps, MatrixKernel kernel, ConvKernel conv) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.conv = Objects.requireNonNull(conv, "conv");
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
                // an LSTM's layer-norm tensors are biases too; its b comes first
                case BIAS -> bOff[t.layer()] = bOff[t.layer()] < 0 ? t.offset() : bOff[t.layer()];
            }
        }
        lnOff = new int[n];
        Arrays.fill(lnOff, -1);
        for (ParameterTensor t : layout.tensors()) {
            if (t.name().endsWith(".ln.gain")) {
                lnOff[t.layer()] = t.offset();
            }
        }
        cellState = new double[n][];
        cellState0 = new double[n][];
        carryCell = new double[n][];
        gates = new double[n][][];
        cells = new double[n][][];
        tanhCells = new double[n][][];
        gateHat = new double[n][][];
        gateInv = new double[n][][];
        cellHat = new double[n][][];
        cellInv = new double[n][][];
        int maxUnits = 0;
        act = new double[n + 1][maxSteps][];
        state = new double[n][];
        state0 = new double[n][];
        carry = new double[n][];
        argmax = new int[n][][];
        padX = new double[n][];
        padDy = new double[n][];
        flipped = new double[n][];
        int maxSize = architecture.inputSize();
        int maxCol = 0;
        Shape s = architecture.input();
        for (int l = 0; l < n; l++) {
            in[l] = s;
            out[l] = layers[l].outputShape(s);
            s = out[l];
            maxSize = Math.max(maxSize, s.size());
            if (layers[l] instanceof Layer.Conv2d c) {
                if (direct(c)) {
                    padX[l] = new double[maxBatch * padded(in[l], c.padding()) + ConvKernel.SLACK];
                } else {
                    maxCol = Math.max(maxCol, in[l].channels() * c.kernel() * c.kernel() * out[l].height() * out[l].width());
                }
            }
            if (layers[l] instanceof Layer.Recurrent) {
                state[l] = new double[maxBatch * s.size()];
                state0[l] = new double[maxBatch * s.size()];
                carry[l] = new double[maxBatch * s.size()];
            }
            if (layers[l] instanceof Layer.MaxPool) {
                argmax[l] = new int[maxSteps][maxBatch * s.size()];
            }
            if (layers[l] instanceof Layer.Lstm m) {
                int h = m.units();
                maxUnits = Math.max(maxUnits, h);
                state[l] = new double[maxBatch * h];
                state0[l] = new double[maxBatch * h];
                carry[l] = new double[maxBatch * h];
                cellState[l] = new double[maxBatch * h];
                cellState0[l] = new double[maxBatch * h];
                carryCell[l] = new double[maxBatch * h];
                gates[l] = new double[maxSteps][maxBatch * 4 * h];
                cells[l] = new double[maxSteps][maxBatch * h];
                tanhCells[l] = new double[maxSteps][maxBatch * h];
                if (m.layerNorm()) {
                    gateHat[l] = new double[maxSteps][maxBatch * 4 * h];
                    gateInv[l] = new double[maxSteps][maxBatch * 4];
                    cellHat[l] = new double[maxSteps][maxBatch * h];
                    cellInv[l] = new double[maxSteps][maxBatch];
                }
            }
        }
        lstmDA = new double[maxBatch * 4 * maxUnits];
        lstmDS = new double[maxBatch * maxUnits];
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

    /** Convolutions that run through the {@link ConvKernel}: stride 1, padding small enough for the adjoint. */
    private static boolean direct(Layer.Conv2d c) {
        return c.stride() == 1 && c.padding() <= c.kernel() - 1;
    }

    /** Elements of one sample's planes of {@code s} with a zero border of {@code pad}. */
    private static int padded(Shape s, int pad) {
        return s.channels() * (s.height() + 2 * pad) * (s.width() + 2 * pad);
    }

    /** Copies {@code batch} samples of shape {@code s} into the interiors of zero-bordered planes (borders stay 0). */
    private static void pad(double[] src, int batch, Shape s, int pad, double[] dst) {
        int h = s.height();
        int w = s.width();
        int pw = w + 2 * pad;
        int plane = (h + 2 * pad) * pw;
        int planes = batch * s.channels();
        for (int c = 0; c < planes; c++) {
            int from = c * h * w;
            int to = c * plane + pad * pw + pad;
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, from + y * w, dst, to + y * pw, w);
            }
        }
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
    public TargetNetwork bind(double[] weights) {
        if (weights.length != layout.weightCount()) {
            throw new IllegalArgumentException("weight buffer has " + weights.length + " elements, the layout needs "
                    + layout.weightCount());
        }
        this.weights = weights;
        return this;
    }

    /** Zeroes the hidden state of every recurrent layer (and the cell state of every LSTM). */
    @Override
    public void resetState() {
        for (double[] h : state) {
            if (h != null) {
                Arrays.fill(h, 0.0);
            }
        }
        for (double[] c : cellState) {
            if (c != null) {
                Arrays.fill(c, 0.0);
            }
        }
    }

    /** Hidden states of recurrent layers, then cell states of LSTMs, in layer order, whole buffers. */
    @Override
    public double[] exportState() {
        double[] flat = new double[stateLength()];
        int at = 0;
        for (double[][] group : new double[][][] {state, cellState}) {
            for (double[] h : group) {
                if (h != null) {
                    System.arraycopy(h, 0, flat, at, h.length);
                    at += h.length;
                }
            }
        }
        return flat;
    }

    @Override
    public void importState(double[] flat) {
        if (flat.length != stateLength()) {
            throw new IllegalArgumentException("state has " + flat.length + " numbers, this network carries "
                    + stateLength());
        }
        int at = 0;
        for (double[][] group : new double[][][] {state, cellState}) {
            for (double[] h : group) {
                if (h != null) {
                    System.arraycopy(flat, at, h, 0, h.length);
                    at += h.length;
                }
            }
        }
    }

    private int stateLength() {
        int n = 0;
        for (double[][] group : new double[][][] {state, cellState}) {
            for (double[] h : group) {
                n += h == null ? 0 : h.length;
            }
        }
        return n;
    }

    @Override
    public int maxSteps() {
        return maxSteps;
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
    @Override
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
    @Override
    public double[] backwardSequence(double[][] dOutputs, double[] dWeights) {
        return backwardSequence(dOutputs, dWeights, false);
    }

    /**
     * As {@link #backwardSequence}, but each step's gradient is at the last layer's pre-activation
     * (the logits), as {@link #backwardFromLogits} is for one step. The gradient stops at the state
     * the sequence started from (truncated backpropagation through time).
     */
    @Override
    public double[] backwardSequenceFromLogits(double[][] dLogits, double[] dWeights) {
        return backwardSequence(dLogits, dWeights, true);
    }

    private double[] backwardSequence(double[][] dOutputs, double[] dWeights, boolean atLogits) {
        if (dOutputs.length != steps) {
            throw new IllegalArgumentException("expected " + steps + " steps of output gradients, got "
                    + dOutputs.length);
        }
        clearCarry();
        for (int t = steps - 1; t >= 0; t--) {
            backwardStep(t, dOutputs[t], dWeights, atLogits);
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
            if (cellState[l] != null) {
                System.arraycopy(cellState[l], 0, cellState0[l], 0, batch * out[l].size());
            }
        }
    }

    private void clearCarry() {
        for (double[] c : carry) {
            if (c != null) {
                Arrays.fill(c, 0, batch * c.length / maxBatch, 0.0);
            }
        }
        for (double[] c : carryCell) {
            if (c != null) {
                Arrays.fill(c, 0, batch * c.length / maxBatch, 0.0);
            }
        }
    }

    private void forwardStep(int t) {
        for (int l = 0; l < layers.length; l++) {
            int at = l; // effectively final, for the switch guards
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
                case Layer.Lstm m -> lstmForward(l, t, m, x, y, nIn, nOut);
                case Layer.Conv2d c when padX[at] != null -> {
                    int pw = in[l].width() + 2 * c.padding();
                    int plane = (in[l].height() + 2 * c.padding()) * pw;
                    pad(x, batch, in[l], c.padding(), padX[l]);
                    conv.correlate(batch, in[l].channels(), c.outChannels(), c.kernel(), out[l].height(), out[l].width(),
                            padX[l], 0, in[l].channels() * plane, plane, pw, weights, wOff[l], y, 0, nOut);
                    // bias and activation plane by plane, while the plane is in L1
                    int p = out[l].height() * out[l].width();
                    int planes = batch * c.outChannels();
                    for (int r = 0; r < planes; r++) {
                        if (bOff[l] >= 0) {
                            double b = weights[bOff[l] + r % c.outChannels()];
                            for (int j = r * p; j < (r + 1) * p; j++) {
                                y[j] += b;
                            }
                        }
                        c.activation().applyInPlace(y, r * p, 1, p);
                    }
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
            int at = l; // effectively final, for the switch guards
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
                case Layer.Lstm m -> lstmBackward(l, t, m, x, dy, dx, dW, nIn, nOut, needDx);
                case Layer.Conv2d cv when padX[at] != null -> {
                    int k = cv.kernel();
                    int ch = in[l].channels();
                    int oc = cv.outChannels();
                    int oh = out[l].height();
                    int ow = out[l].width();
                    // activation backward and bias gradient plane by plane, while the plane is in L1
                    int p = oh * ow;
                    for (int r = 0; r < batch * oc; r++) {
                        cv.activation().backwardInPlace(y, dy, r * p, 1, p);
                        if (bOff[l] >= 0) {
                            double sum = 0;
                            for (int j = r * p; j < (r + 1) * p; j++) {
                                sum += dy[j];
                            }
                            dW[bOff[l] + r % oc] += sum;
                        }
                    }
                    // padded again: a later step of a sequence may have overwritten the forward copy
                    int pw = in[l].width() + 2 * cv.padding();
                    int plane = (in[l].height() + 2 * cv.padding()) * pw;
                    pad(x, batch, in[l], cv.padding(), padX[l]);
                    conv.kernelGradient(batch, ch, oc, k, oh, ow, padX[l], 0, ch * plane, plane, pw,
                            dy, 0, nOut, dW, wOff[l]);
                    if (needDx) {
                        int e = k - 1 - cv.padding();
                        int dpw = ow + 2 * e;
                        int dPlane = (oh + 2 * e) * dpw;
                        if (padDy[l] == null) {
                            padDy[l] = new double[maxBatch * padded(out[l], e) + ConvKernel.SLACK];
                            flipped[l] = new double[ch * oc * k * k];
                        }
                        pad(dy, batch, out[l], e, padDy[l]);
                        double[] f = flipped[l];
                        // f[c][o][ky][kx] = K[o][c][k−1−ky][k−1−kx]
                        for (int o = 0; o < oc; o++) {
                            for (int c = 0; c < ch; c++) {
                                for (int ky = 0; ky < k; ky++) {
                                    for (int kx = 0; kx < k; kx++) {
                                        f[((c * oc + o) * k + ky) * k + kx] =
                                                weights[wOff[l] + ((o * ch + c) * k + (k - 1 - ky)) * k + (k - 1 - kx)];
                                    }
                                }
                            }
                        }
                        conv.correlate(batch, oc, ch, k, in[l].height(), in[l].width(), padDy[l], 0, oc * dPlane,
                                dPlane, dpw, f, 0, dx, 0, nIn);
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

    /**
     * One LSTM step (see {@link Layer.Lstm}): A = X·Wᵀ + H_{t-1}·Uᵀ + b, optional layer norm per gate
     * block, gates, c_t = f⊙c_{t-1} + i⊙g, h_t = o⊙tanh(LN(c_t)); everything the backward pass needs
     * is kept per step.
     */
    private void lstmForward(int l, int t, Layer.Lstm m, double[] x, double[] y, int nIn, int nOut) {
        int h4 = 4 * nOut;
        double[] a = gates[l][t];
        double[] hPrev = t == 0 ? state0[l] : act[l + 1][t - 1];
        double[] cPrev = t == 0 ? cellState0[l] : cells[l][t - 1];
        // A(B×4H) = X(B×I)·Wᵀ + H_{t-1}(B×H)·Uᵀ + b
        kernel.gemm(false, true, batch, h4, nIn, x, 0, nIn, weights, wOff[l], nIn, 0.0, a, 0, h4);
        kernel.gemm(false, true, batch, h4, nOut, hPrev, 0, nOut, weights, uOff[l], nOut, 1.0, a, 0, h4);
        addBias(l, a, batch, h4, 1);
        int ln = lnOff[l];
        if (m.layerNorm()) {
            LstmCell.layerNorm(a, batch, 4, nOut, weights, ln, ln + h4, gateHat[l][t], gateInv[l][t]);
        }
        LstmCell.activateGates(a, batch, nOut);
        double[] c = cells[l][t];
        LstmCell.cell(a, cPrev, c, batch, nOut);
        double[] s = tanhCells[l][t];
        System.arraycopy(c, 0, s, 0, batch * nOut);
        if (m.layerNorm()) {
            LstmCell.layerNorm(s, batch, 1, nOut, weights, ln + 2 * h4, ln + 2 * h4 + nOut, cellHat[l][t], cellInv[l][t]);
        }
        LstmCell.hidden(a, s, y, batch, nOut);
        System.arraycopy(y, 0, state[l], 0, batch * nOut);
        System.arraycopy(c, 0, cellState[l], 0, batch * nOut);
    }

    /** Backward of {@link #lstmForward}; {@code dy} is dL/dh_t from above (modified), carries go to t−1. */
    private void lstmBackward(int l, int t, Layer.Lstm m, double[] x, double[] dy, double[] dx, double[] dW,
                              int nIn, int nOut, boolean needDx) {
        int h4 = 4 * nOut;
        double[] ch = carry[l];
        for (int i = 0; i < batch * nOut; i++) {
            dy[i] += ch[i];
        }
        double[] a = gates[l][t];
        double[] hPrev = t == 0 ? state0[l] : act[l + 1][t - 1];
        double[] cPrev = t == 0 ? cellState0[l] : cells[l][t - 1];
        double[] dA = lstmDA;
        double[] ds = lstmDS;
        int ln = lnOff[l];
        LstmCell.hiddenBackward(dy, a, tanhCells[l][t], ds, dA, batch, nOut);
        if (m.layerNorm()) {
            LstmCell.layerNormBackward(ds, batch, 1, nOut, weights, ln + 2 * h4, cellHat[l][t], cellInv[l][t],
                    dW, ln + 2 * h4, ln + 2 * h4 + nOut);
        }
        LstmCell.cellBackward(ds, carryCell[l], a, cPrev, dA, batch, nOut);
        if (m.layerNorm()) {
            LstmCell.layerNormBackward(dA, batch, 4, nOut, weights, ln, gateHat[l][t], gateInv[l][t], dW, ln, ln + h4);
        }
        // dW(4H×I) += dAᵀ·X, dU(4H×H) += dAᵀ·H_{t-1}
        kernel.gemm(true, false, h4, nIn, batch, dA, 0, h4, x, 0, nIn, 1.0, dW, wOff[l], nIn);
        kernel.gemm(true, false, h4, nOut, batch, dA, 0, h4, hPrev, 0, nOut, 1.0, dW, uOff[l], nOut);
        biasGradient(l, dA, dW, batch, h4, 1);
        // carry_{t-1}(B×H) = dA(B×4H)·U(4H×H)
        kernel.gemm(false, false, batch, nOut, h4, dA, 0, h4, weights, uOff[l], nOut, 0.0, ch, 0, nOut);
        if (needDx) {
            kernel.gemm(false, false, batch, nIn, h4, dA, 0, h4, weights, wOff[l], nIn, 0.0, dx, 0, nIn);
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

    /** The common 2×2, stride-2 pool unrolled; the same choices as the general loop (first maximum in scan order). */
    private void maxPool2(double[] x, double[] y, Shape is, Shape os, int[] idx) {
        int h = is.height();
        int w = is.width();
        int oh = os.height();
        int ow = os.width();
        int planes = batch * is.channels();
        for (int c = 0; c < planes; c++) {
            int xc = c * h * w;
            int yc = c * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = xc + 2 * oy * w;
                int r1 = r0 + w;
                int yo = yc + oy * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int i = r0 + 2 * ox;
                    int best = i;
                    double v = x[i];
                    if (x[i + 1] > v) {
                        best = i + 1;
                        v = x[i + 1];
                    }
                    int j = r1 + 2 * ox;
                    if (x[j] > v) {
                        best = j;
                        v = x[j];
                    }
                    if (x[j + 1] > v) {
                        best = j + 1;
                        v = x[j + 1];
                    }
                    y[yo + ox] = v;
                    idx[yo + ox] = best;
                }
            }
        }
    }

    private void maxPool(double[] x, double[] y, Shape is, Shape os, Layer.MaxPool m, int[] idx) {
        if (m.size() == 2 && m.stride() == 2) {
            maxPool2(x, y, is, os, idx);
            return;
        }
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
