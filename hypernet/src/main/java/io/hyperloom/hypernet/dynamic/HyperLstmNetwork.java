package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.LstmCell;

import java.util.Arrays;

/**
 * A HyperLSTM bound to θ: the hyper LSTM, the row-scaled main LSTM and the dense output layer, with
 * batched forward passes and truncated backpropagation through time into dθ (θ's layout, see
 * {@link HyperLstmGenerator}).
 *
 * <p>How one step works, for a batch of B rows (all products through the {@link MatrixKernel}):
 * <ol>
 *   <li>hyper LSTM on x̂ = [x_t, h_{t−1}]: Â = x̂·Ŵᵀ + ĥ_{t−1}·Ûᵀ + b̂, optional layer norm, gates,
 *       ĉ_t, ĥ_t (the shared {@link LstmCell});</li>
 *   <li>Z = ĥ_t·Pᵀ + p (B × 12N_z); per kind k ∈ {x, h, b} and gate y: S_k[:, y] = Z_{k,y}·D_{k,y}ᵀ
 *       (B × H each);</li>
 *   <li>main LSTM: A = S_x ⊙ (x_t·W_xᵀ) + S_h ⊙ (h_{t−1}·W_hᵀ) + S_b + b, optional layer norm, gates,
 *       c_t, h_t; then the output layer y_t = f(h_t·W_oᵀ + b_o).</li>
 * </ol>
 * Backward runs these in reverse; dL/dh_{t−1} collects both the main path (through W_h) and the
 * hyper path (through x̂). Hidden and cell states of both LSTMs carry between calls until
 * {@link #resetState()}; the gradient stops at the state a recorded sequence started from.
 *
 * <p>Not thread-safe: per-thread scratch, every buffer allocated once for {@code maxBatch} rows and
 * {@code maxSteps} steps.
 */
public final class HyperLstmNetwork implements DynamicWeightGenerator.Bound {

    private final HyperLstmGenerator g;
    private final Activation outputActivation;
    private final MatrixKernel kernel;
    private final int maxBatch;
    private final int maxSteps;
    private final int in;
    private final int h;
    private final int nh;
    private final int nz;
    private final int out;
    private final int xhw;
    // per-step records
    private final double[][] x;
    private final double[][] xh;
    private final double[][] hGates;
    private final double[][] hCell;
    private final double[][] hTanh;
    private final double[][] hHidden;
    private final double[][] hGateHat;
    private final double[][] hGateInv;
    private final double[][] hCellHat;
    private final double[][] hCellInv;
    private final double[][] z;
    private final double[][] sx;
    private final double[][] sh;
    private final double[][] ux;
    private final double[][] uh;
    private final double[][] gates;
    private final double[][] cell;
    private final double[][] tanhCell;
    private final double[][] hidden;
    private final double[][] gateHat;
    private final double[][] gateInv;
    private final double[][] cellHat;
    private final double[][] cellInv;
    private final double[][] output;
    // states carried between calls, and those at the start of the recorded sequence
    private final double[] hState;
    private final double[] cState;
    private final double[] hhState;
    private final double[] hcState;
    private final double[] h0;
    private final double[] c0;
    private final double[] hh0;
    private final double[] hc0;
    // backward carries and scratch
    private final double[] dhCarry;
    private final double[] dcCarry;
    private final double[] dhhCarry;
    private final double[] dhcCarry;
    private final double[] dy;
    private final double[] dh;
    private final double[] ds;
    private final double[] dA;
    private final double[] dSx;
    private final double[] dUx;
    private final double[] dSh;
    private final double[] dUh;
    private final double[] dZ;
    private final double[] dhh;
    private final double[] dhs;
    private final double[] dhA;
    private final double[] dxh;
    private final double[] sb;
    private double[] theta;
    private int batch;
    private int steps;

    HyperLstmNetwork(HyperLstmGenerator generator, Activation outputActivation, int maxBatch, int maxSteps) {
        if (maxBatch < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("maxBatch and maxSteps must be >= 1");
        }
        this.g = generator;
        this.outputActivation = outputActivation;
        this.kernel = MatrixKernel.best();
        this.maxBatch = maxBatch;
        this.maxSteps = maxSteps;
        in = g.inputs;
        h = g.units;
        nh = g.config.hyperUnits();
        nz = g.config.nz();
        out = g.outputs;
        xhw = in + h;
        int mb = maxBatch;
        x = new double[maxSteps][mb * in];
        xh = new double[maxSteps][mb * xhw];
        hGates = new double[maxSteps][mb * 4 * nh];
        hCell = new double[maxSteps][mb * nh];
        hTanh = new double[maxSteps][mb * nh];
        hHidden = new double[maxSteps][mb * nh];
        boolean hln = g.config.layerNorm();
        hGateHat = hln ? new double[maxSteps][mb * 4 * nh] : null;
        hGateInv = hln ? new double[maxSteps][mb * 4] : null;
        hCellHat = hln ? new double[maxSteps][mb * nh] : null;
        hCellInv = hln ? new double[maxSteps][mb] : null;
        z = new double[maxSteps][mb * 12 * nz];
        sx = new double[maxSteps][mb * 4 * h];
        sh = new double[maxSteps][mb * 4 * h];
        ux = new double[maxSteps][mb * 4 * h];
        uh = new double[maxSteps][mb * 4 * h];
        gates = new double[maxSteps][mb * 4 * h];
        cell = new double[maxSteps][mb * h];
        tanhCell = new double[maxSteps][mb * h];
        hidden = new double[maxSteps][mb * h];
        boolean mln = g.mainLayerNorm;
        gateHat = mln ? new double[maxSteps][mb * 4 * h] : null;
        gateInv = mln ? new double[maxSteps][mb * 4] : null;
        cellHat = mln ? new double[maxSteps][mb * h] : null;
        cellInv = mln ? new double[maxSteps][mb] : null;
        output = new double[maxSteps][mb * out];
        hState = new double[mb * h];
        cState = new double[mb * h];
        hhState = new double[mb * nh];
        hcState = new double[mb * nh];
        h0 = new double[mb * h];
        c0 = new double[mb * h];
        hh0 = new double[mb * nh];
        hc0 = new double[mb * nh];
        dhCarry = new double[mb * h];
        dcCarry = new double[mb * h];
        dhhCarry = new double[mb * nh];
        dhcCarry = new double[mb * nh];
        dy = new double[mb * out];
        dh = new double[mb * h];
        ds = new double[mb * h];
        dA = new double[mb * 4 * h];
        dSx = new double[mb * 4 * h];
        dUx = new double[mb * 4 * h];
        dSh = new double[mb * 4 * h];
        dUh = new double[mb * 4 * h];
        dZ = new double[mb * 12 * nz];
        dhh = new double[mb * nh];
        dhs = new double[mb * nh];
        dhA = new double[mb * 4 * nh];
        dxh = new double[mb * xhw];
        sb = new double[mb * 4 * h];
    }

    @Override
    public HyperLstmNetwork bind(double[] theta) {
        if (theta.length != g.parameterCount()) {
            throw new IllegalArgumentException("θ has " + theta.length + " elements, hyperlstm needs "
                    + g.parameterCount());
        }
        this.theta = theta;
        return this;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public void resetState() {
        Arrays.fill(hState, 0.0);
        Arrays.fill(cState, 0.0);
        Arrays.fill(hhState, 0.0);
        Arrays.fill(hcState, 0.0);
    }

    /** The main and hyper LSTMs' hidden and cell states, whole buffers, in that order. */
    @Override
    public double[] exportState() {
        double[] flat = new double[hState.length + cState.length + hhState.length + hcState.length];
        int at = 0;
        for (double[] s : new double[][] {hState, cState, hhState, hcState}) {
            System.arraycopy(s, 0, flat, at, s.length);
            at += s.length;
        }
        return flat;
    }

    @Override
    public void importState(double[] flat) {
        int n = hState.length + cState.length + hhState.length + hcState.length;
        if (flat.length != n) {
            throw new IllegalArgumentException("state has " + flat.length + " numbers, this network carries " + n);
        }
        int at = 0;
        for (double[] s : new double[][] {hState, cState, hhState, hcState}) {
            System.arraycopy(flat, at, s, 0, s.length);
            at += s.length;
        }
    }

    @Override
    public double[] forward(double[] input, int batch, double[] outputs) {
        begin(batch, 1);
        System.arraycopy(input, 0, x[0], 0, batch * in);
        step(0);
        System.arraycopy(output[0], 0, outputs, 0, batch * out);
        return outputs;
    }

    @Override
    public double[][] forwardSequence(double[][] inputs, int batch, double[][] outputs) {
        begin(batch, inputs.length);
        for (int t = 0; t < steps; t++) {
            System.arraycopy(inputs[t], 0, x[t], 0, batch * in);
            step(t);
            System.arraycopy(output[t], 0, outputs[t], 0, batch * out);
        }
        return outputs;
    }

    @Override
    public double[] backwardSequence(double[][] dOutputs, double[] dTheta) {
        return backward(dOutputs, dTheta, false);
    }

    @Override
    public double[] backwardSequenceFromLogits(double[][] dLogits, double[] dTheta) {
        return backward(dLogits, dTheta, true);
    }

    private void begin(int batch, int steps) {
        if (theta == null) {
            throw new IllegalStateException("no θ bound");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " outside 1.." + maxBatch);
        }
        if (steps < 1 || steps > maxSteps) {
            throw new IllegalArgumentException("sequence of " + steps + " steps; this network records 1.." + maxSteps);
        }
        this.batch = batch;
        this.steps = steps;
        System.arraycopy(hState, 0, h0, 0, batch * h);
        System.arraycopy(cState, 0, c0, 0, batch * h);
        System.arraycopy(hhState, 0, hh0, 0, batch * nh);
        System.arraycopy(hcState, 0, hc0, 0, batch * nh);
    }

    private void step(int t) {
        double[] th = theta;
        int b = batch;
        double[] hPrev = t == 0 ? h0 : hidden[t - 1];
        double[] cPrev = t == 0 ? c0 : cell[t - 1];
        double[] hhPrev = t == 0 ? hh0 : hHidden[t - 1];
        double[] hcPrev = t == 0 ? hc0 : hCell[t - 1];
        // 1. hyper LSTM on x̂ = [x_t, h_{t-1}]
        double[] xt = x[t];
        double[] xhat = xh[t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(xt, r * in, xhat, r * xhw, in);
            System.arraycopy(hPrev, r * h, xhat, r * xhw + in, h);
        }
        double[] ha = hGates[t];
        int nh4 = 4 * nh;
        // Â(B×4N̂) = x̂·Ŵᵀ + ĥ_{t-1}·Ûᵀ + b̂
        kernel.gemm(false, true, b, nh4, xhw, xhat, 0, xhw, th, g.hw, xhw, 0.0, ha, 0, nh4);
        kernel.gemm(false, true, b, nh4, nh, hhPrev, 0, nh, th, g.hu, nh, 1.0, ha, 0, nh4);
        addRow(ha, b, nh4, th, g.hb);
        if (g.hln >= 0) {
            LstmCell.layerNorm(ha, b, 4, nh, th, g.hln, g.hln + nh4, hGateHat[t], hGateInv[t]);
        }
        LstmCell.activateGates(ha, b, nh);
        LstmCell.cell(ha, hcPrev, hCell[t], b, nh);
        double[] hs = hTanh[t];
        System.arraycopy(hCell[t], 0, hs, 0, b * nh);
        if (g.hln >= 0) {
            LstmCell.layerNorm(hs, b, 1, nh, th, g.hln + 2 * nh4, g.hln + 2 * nh4 + nh, hCellHat[t], hCellInv[t]);
        }
        LstmCell.hidden(ha, hs, hHidden[t], b, nh);
        // 2. Z(B×12N_z) = ĥ_t·Pᵀ + p; row scales S_k[:, y] = Z_{k,y}·D_{k,y}ᵀ
        int z12 = 12 * nz;
        double[] zt = z[t];
        kernel.gemm(false, true, b, z12, nh, hHidden[t], 0, nh, th, g.zw, nh, 0.0, zt, 0, z12);
        addRow(zt, b, z12, th, g.zb);
        int h4 = 4 * h;
        scales(zt, 0, sx[t]);
        scales(zt, 1, sh[t]);
        scales(zt, 2, sb);
        // 3. main LSTM: A = S_x⊙(x·W_xᵀ) + S_h⊙(h_{t-1}·W_hᵀ) + S_b + b
        kernel.gemm(false, true, b, h4, in, xt, 0, in, th, g.wx, in, 0.0, ux[t], 0, h4);
        kernel.gemm(false, true, b, h4, h, hPrev, 0, h, th, g.wh, h, 0.0, uh[t], 0, h4);
        double[] a = gates[t];
        double[] sxt = sx[t];
        double[] sht = sh[t];
        double[] uxt = ux[t];
        double[] uht = uh[t];
        for (int r = 0; r < b; r++) {
            int o = r * h4;
            for (int j = 0; j < h4; j++) {
                a[o + j] = sxt[o + j] * uxt[o + j] + sht[o + j] * uht[o + j] + sb[o + j] + th[g.b + j];
            }
        }
        if (g.mainLayerNorm) {
            LstmCell.layerNorm(a, b, 4, h, th, g.mainLn, g.mainLn + h4, gateHat[t], gateInv[t]);
        }
        LstmCell.activateGates(a, b, h);
        LstmCell.cell(a, cPrev, cell[t], b, h);
        double[] s = tanhCell[t];
        System.arraycopy(cell[t], 0, s, 0, b * h);
        if (g.mainLayerNorm) {
            LstmCell.layerNorm(s, b, 1, h, th, g.mainLn + 2 * h4, g.mainLn + 2 * h4 + h, cellHat[t], cellInv[t]);
        }
        LstmCell.hidden(a, s, hidden[t], b, h);
        // output layer: Y = f(H·W_oᵀ + b_o)
        double[] y = output[t];
        kernel.gemm(false, true, b, out, h, hidden[t], 0, h, th, g.wo, h, 0.0, y, 0, out);
        addRow(y, b, out, th, g.bo);
        outputActivation.applyInPlace(y, 0, b, out);
        System.arraycopy(hidden[t], 0, hState, 0, b * h);
        System.arraycopy(cell[t], 0, cState, 0, b * h);
        System.arraycopy(hHidden[t], 0, hhState, 0, b * nh);
        System.arraycopy(hCell[t], 0, hcState, 0, b * nh);
    }

    /** S(B×4H)[:, y·H..] = Z[:, (k·4+y)·N_z..]·D_{k,y}ᵀ for the four gates y of kind k. */
    private void scales(double[] zt, int k, double[] s) {
        int h4 = 4 * h;
        for (int y = 0; y < 4; y++) {
            int e = k * 4 + y;
            kernel.gemm(false, true, batch, h, nz, zt, e * nz, 12 * nz, theta, g.d + e * h * nz, nz, 0.0, s, y * h, h4);
        }
    }

    private double[] backward(double[][] dOutputs, double[] dTheta, boolean atLogits) {
        if (dOutputs.length != steps) {
            throw new IllegalArgumentException("expected " + steps + " steps of output gradients, got "
                    + dOutputs.length);
        }
        int b = batch;
        Arrays.fill(dhCarry, 0, b * h, 0.0);
        Arrays.fill(dcCarry, 0, b * h, 0.0);
        Arrays.fill(dhhCarry, 0, b * nh, 0.0);
        Arrays.fill(dhcCarry, 0, b * nh, 0.0);
        for (int t = steps - 1; t >= 0; t--) {
            backwardStep(t, dOutputs[t], dTheta, atLogits);
        }
        return dTheta;
    }

    private void backwardStep(int t, double[] dOut, double[] dth, boolean atLogits) {
        double[] th = theta;
        int b = batch;
        int h4 = 4 * h;
        int nh4 = 4 * nh;
        int z12 = 12 * nz;
        double[] hPrev = t == 0 ? h0 : hidden[t - 1];
        double[] cPrev = t == 0 ? c0 : cell[t - 1];
        double[] hhPrev = t == 0 ? hh0 : hHidden[t - 1];
        double[] hcPrev = t == 0 ? hc0 : hCell[t - 1];
        // output layer
        System.arraycopy(dOut, 0, dy, 0, b * out);
        if (!atLogits) {
            outputActivation.backwardInPlace(output[t], dy, 0, b, out);
        }
        // dW_o += dYᵀ·H, db_o += Σ dY, dH = dY·W_o + carry
        kernel.gemm(true, false, out, h, b, dy, 0, out, hidden[t], 0, h, 1.0, dth, g.wo, h);
        columnSums(dy, b, out, dth, g.bo);
        System.arraycopy(dhCarry, 0, dh, 0, b * h);
        kernel.gemm(false, false, b, h, out, dy, 0, out, th, g.wo, h, 1.0, dh, 0, h);
        // main LSTM cell
        double[] a = gates[t];
        LstmCell.hiddenBackward(dh, a, tanhCell[t], ds, dA, b, h);
        if (g.mainLayerNorm) {
            LstmCell.layerNormBackward(ds, b, 1, h, th, g.mainLn + 2 * h4, cellHat[t], cellInv[t], dth,
                    g.mainLn + 2 * h4, g.mainLn + 2 * h4 + h);
        }
        LstmCell.cellBackward(ds, dcCarry, a, cPrev, dA, b, h);
        if (g.mainLayerNorm) {
            LstmCell.layerNormBackward(dA, b, 4, h, th, g.mainLn, gateHat[t], gateInv[t], dth, g.mainLn,
                    g.mainLn + h4);
        }
        // A = S_x⊙U_x + S_h⊙U_h + S_b + b: dS_x = dA⊙U_x, dU_x = dA⊙S_x (likewise h), dS_b = dA
        columnSums(dA, b, h4, dth, g.b);
        double[] sxt = sx[t];
        double[] sht = sh[t];
        double[] uxt = ux[t];
        double[] uht = uh[t];
        for (int i = 0; i < b * h4; i++) {
            double d = dA[i];
            dSx[i] = d * uxt[i];
            dUx[i] = d * sxt[i];
            dSh[i] = d * uht[i];
            dUh[i] = d * sht[i];
        }
        // dW_x += dU_xᵀ·X, dW_h += dU_hᵀ·H_{t-1}; the main path's dH_{t-1} = dU_h·W_h
        kernel.gemm(true, false, h4, in, b, dUx, 0, h4, x[t], 0, in, 1.0, dth, g.wx, in);
        kernel.gemm(true, false, h4, h, b, dUh, 0, h4, hPrev, 0, h, 1.0, dth, g.wh, h);
        kernel.gemm(false, false, b, h, h4, dUh, 0, h4, th, g.wh, h, 0.0, dhCarry, 0, h);
        // row scales: dD_{k,y} += dS_k[:, y]ᵀ·Z_{k,y}, dZ_{k,y} = dS_k[:, y]·D_{k,y}
        double[] zt = z[t];
        scalesBackward(dSx, 0, zt, dth);
        scalesBackward(dSh, 1, zt, dth);
        scalesBackward(dA, 2, zt, dth);
        // Z = ĥ·Pᵀ + p: dP += dZᵀ·ĥ, dp += Σ dZ, dĥ = dZ·P + carry
        kernel.gemm(true, false, z12, nh, b, dZ, 0, z12, hHidden[t], 0, nh, 1.0, dth, g.zw, nh);
        columnSums(dZ, b, z12, dth, g.zb);
        System.arraycopy(dhhCarry, 0, dhh, 0, b * nh);
        kernel.gemm(false, false, b, nh, z12, dZ, 0, z12, th, g.zw, nh, 1.0, dhh, 0, nh);
        // hyper LSTM cell
        double[] ha = hGates[t];
        LstmCell.hiddenBackward(dhh, ha, hTanh[t], dhs, dhA, b, nh);
        if (g.hln >= 0) {
            LstmCell.layerNormBackward(dhs, b, 1, nh, th, g.hln + 2 * nh4, hCellHat[t], hCellInv[t], dth,
                    g.hln + 2 * nh4, g.hln + 2 * nh4 + nh);
        }
        LstmCell.cellBackward(dhs, dhcCarry, ha, hcPrev, dhA, b, nh);
        if (g.hln >= 0) {
            LstmCell.layerNormBackward(dhA, b, 4, nh, th, g.hln, hGateHat[t], hGateInv[t], dth, g.hln, g.hln + nh4);
        }
        // dŴ += dÂᵀ·x̂, dÛ += dÂᵀ·ĥ_{t-1}, db̂ += Σ dÂ; carries dĥ_{t-1} = dÂ·Û and dx̂ = dÂ·Ŵ
        kernel.gemm(true, false, nh4, xhw, b, dhA, 0, nh4, xh[t], 0, xhw, 1.0, dth, g.hw, xhw);
        kernel.gemm(true, false, nh4, nh, b, dhA, 0, nh4, hhPrev, 0, nh, 1.0, dth, g.hu, nh);
        columnSums(dhA, b, nh4, dth, g.hb);
        kernel.gemm(false, false, b, nh, nh4, dhA, 0, nh4, th, g.hu, nh, 0.0, dhhCarry, 0, nh);
        kernel.gemm(false, false, b, xhw, nh4, dhA, 0, nh4, th, g.hw, xhw, 0.0, dxh, 0, xhw);
        // the hyper input's h_{t-1} part joins the main path's carry
        for (int r = 0; r < b; r++) {
            int o = r * h;
            int q = r * xhw + in;
            for (int j = 0; j < h; j++) {
                dhCarry[o + j] += dxh[q + j];
            }
        }
    }

    /** dD_{k,y} += dS[:, y]ᵀ·Z_{k,y} and dZ_{k,y} = dS[:, y]·D_{k,y}, for the four gates y of kind k. */
    private void scalesBackward(double[] dS, int k, double[] zt, double[] dth) {
        int h4 = 4 * h;
        int z12 = 12 * nz;
        for (int y = 0; y < 4; y++) {
            int e = k * 4 + y;
            kernel.gemm(true, false, h, nz, batch, dS, y * h, h4, zt, e * nz, z12, 1.0, dth, g.d + e * h * nz, nz);
            kernel.gemm(false, false, batch, nz, h, dS, y * h, h4, theta, g.d + e * h * nz, nz, 0.0, dZ, e * nz, z12);
        }
    }

    /** v[r][j] += p[off + j] for every row r of n. */
    private static void addRow(double[] v, int rows, int n, double[] p, int off) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                v[o + j] += p[off + j];
            }
        }
    }

    /** dst[off + j] += Σ_r v[r][j]. */
    private static void columnSums(double[] v, int rows, int n, double[] dst, int off) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                dst[off + j] += v[o + j];
            }
        }
    }
}
