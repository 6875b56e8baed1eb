package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The HyperLSTM as a {@link DynamicWeightGenerator} on an architecture of one {@link Layer.Lstm}
 * (H units, optionally layer-normalised) followed by one dense output layer with bias.
 *
 * <p>θ = [W ; φ]: first the target layout's weights in their own order (the main LSTM's W_x, W_h, b,
 * its layer-norm tensors, the output layer), then the hyper parameters φ:
 * <ol>
 *   <li>{@code hyper.w} Ŵ [4N_ĥ × (I + H)] over the hyper input [x_t, h_{t−1}], {@code hyper.u} Û
 *       [4N_ĥ × N_ĥ], {@code hyper.b} b̂ [4N_ĥ] (gate order i, f, g, o), and, with {@code layer-norm},
 *       gains (stored as γ − 1) and shifts like {@link Layer.Lstm}'s: 4N_ĥ, 4N_ĥ, N_ĥ, N_ĥ;</li>
 *   <li>{@code z.w} P [12N_z × N_ĥ] and {@code z.b} p [12N_z]: the embeddings z = P·ĥ_t + p, rows in
 *       the order kind (x, h, b) × gate (i, f, g, o) × N_z;</li>
 *   <li>{@code d} [12][H × N_z]: per kind and gate the projection of z to H row scales,
 *       d_x^y = D_x^y·z_x^y, d_h^y = D_h^y·z_h^y, and the dynamic bias d_b^y = D_b^y·z_b^y.</li>
 * </ol>
 * The main gate pre-activations are a^y = d_x^y ⊙ (W_x^y x_t) + d_h^y ⊙ (W_h^y h_{t−1}) + d_b^y + b^y
 * (eq. A.2 in its weight-scaling form), then the main LSTM's optional layer norm, gates and cell.
 *
 * <p>Initialisation (Appendix A.2.3 and the authors' code): P_x, P_h = 0 and p_x, p_h = 1, so z_x =
 * z_h = 1; D_x, D_h = scaleInit/N_z, so every row scale starts at scaleInit (0.1); P_b ~ N(0, 0.01²),
 * p_b = 0 and D_b = 0, so the dynamic bias starts at 0; Ŵ, Û and the main and output weights LeCun
 * normal, biases 0. {@link #generate} writes the base weights W = θ[0, |W|) and {@link #backward} is
 * its identity Jacobian; the per-step scaling lives in {@link #newNetwork}. Immutable, thread-safe.
 */
public final class HyperLstmGenerator implements DynamicWeightGenerator {

    final ParameterLayout layout;
    final HyperLstmConfig config;
    final int inputs;
    final int units;
    final int outputs;
    final boolean mainLayerNorm;
    /** Offsets into θ of the main tensors (same as in W). */
    final int wx;
    final int wh;
    final int b;
    final int mainLn;
    final int wo;
    final int bo;
    /** Offsets into θ of the hyper tensors. */
    final int hw;
    final int hu;
    final int hb;
    final int hln;
    final int zw;
    final int zb;
    final int d;
    private final int count;

    public HyperLstmGenerator(ParameterLayout layout, HyperLstmConfig config) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.config = Objects.requireNonNull(config, "config");
        ParameterTensor w0 = tensor("l0.w");
        ParameterTensor u0 = tensor("l0.u");
        ParameterTensor b0 = tensor("l0.b");
        ParameterTensor w1 = tensor("l1.w");
        ParameterTensor b1 = tensor("l1.b");
        if (u0.shape().size() != 2 || w0.shape().get(0) != 4 * u0.shape().get(1)) {
            throw new IllegalArgumentException("hyperlstm needs an LSTM as layer 0 (l0.u of shape [4H, H])");
        }
        for (ParameterTensor t : layout.tensors()) {
            if (t.layer() > 1) {
                throw new IllegalArgumentException("hyperlstm fills an lstm followed by one dense layer; "
                        + "tensor " + t.name() + " belongs to layer " + t.layer());
            }
        }
        units = u0.shape().get(1);
        inputs = w0.shape().get(1);
        outputs = w1.shape().get(0);
        wx = w0.offset();
        wh = u0.offset();
        b = b0.offset();
        ParameterTensor ln = layout.tensors().stream().filter(t -> t.name().equals("l0.ln.gain")).findFirst()
                .orElse(null);
        mainLayerNorm = ln != null;
        mainLn = ln == null ? -1 : ln.offset();
        wo = w1.offset();
        bo = b1.offset();
        int nh = config.hyperUnits();
        int nz = config.nz();
        int o = layout.weightCount();
        hw = o;
        o += 4 * nh * (inputs + units);
        hu = o;
        o += 4 * nh * nh;
        hb = o;
        o += 4 * nh;
        hln = config.layerNorm() ? o : -1;
        o += config.layerNorm() ? 10 * nh : 0;
        zw = o;
        o += 12 * nz * nh;
        zb = o;
        o += 12 * nz;
        d = o;
        o += 12 * units * nz;
        count = o;
    }

    private ParameterTensor tensor(String name) {
        return layout.tensors().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("hyperlstm fills an lstm followed by a dense layer "
                        + "with bias; the layout has no tensor " + name));
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int parameterCount() {
        return count;
    }

    @Override
    public Map<String, Integer> parameterParts() {
        return Map.of("main", layout.weightCount(), "hyper", count - layout.weightCount());
    }

    /** W = the base weights θ[0, |W|). */
    @Override
    public double[] generate(double[] theta, double[] weights) {
        System.arraycopy(theta, 0, weights, 0, layout.weightCount());
        return weights;
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        for (int i = 0; i < layout.weightCount(); i++) {
            dTheta[i] += dWeights[i]; // ∂W/∂θ_main = I, ∂W/∂φ = 0
        }
        return dTheta;
    }

    @Override
    public HyperLstmNetwork newNetwork(Architecture architecture, int maxBatch, int maxSteps) {
        if (!architecture.layout().equals(layout)) {
            throw new IllegalArgumentException("hyperlstm was built for another layout than " + architecture.name()
                    + "'s");
        }
        Layer last = architecture.layers().get(architecture.layers().size() - 1);
        return new HyperLstmNetwork(this, last.activation(), maxBatch, maxSteps);
    }

    /** Fills θ with the initialisation described above. */
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        for (ParameterTensor t : layout.tensors()) {
            Initialisation.LECUN.fill(t, rng, theta);
        }
        int nh = config.hyperUnits();
        int nz = config.nz();
        normal(rng, theta, hw, 4 * nh * (inputs + units), 1.0 / Math.sqrt(inputs + units));
        normal(rng, theta, hu, 4 * nh * nh, 1.0 / Math.sqrt(nh));
        java.util.Arrays.fill(theta, hb, zw, 0.0); // b̂ and the layer-norm offsets
        java.util.Arrays.fill(theta, zw, zw + 8 * nz * nh, 0.0);
        normal(rng, theta, zw + 8 * nz * nh, 4 * nz * nh, 0.01);
        java.util.Arrays.fill(theta, zb, zb + 8 * nz, 1.0);
        java.util.Arrays.fill(theta, zb + 8 * nz, d, 0.0);
        java.util.Arrays.fill(theta, d, d + 8 * units * nz, config.scaleInit() / nz);
        java.util.Arrays.fill(theta, d + 8 * units * nz, count, 0.0);
        return theta;
    }

    private static void normal(RandomGenerator rng, double[] theta, int off, int n, double std) {
        for (int i = off; i < off + n; i++) {
            theta[i] = std * rng.nextGaussian();
        }
    }
}
