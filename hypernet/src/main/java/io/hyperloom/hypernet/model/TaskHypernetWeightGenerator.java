package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.ConditionalWeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A task-conditioned chunked hypernetwork (von Oswald, Henning, Sacramento &amp; Grewe, ICLR 2020):
 * W_t = H(e_t), one learned embedding e_t per task, the whole target weight vector generated in
 * chunks by one shared MLP.
 *
 * <p>How it works:
 * <ol>
 *   <li>The flat weight vector (every tensor of the layout, biases included, in layout order) is
 *       cut into n = ⌈|W|/C⌉ chunks of C weights; chunk k has a learned embedding c_k (shared by all
 *       tasks), task t a learned embedding e_t.</li>
 *   <li>For task t, row k of X (n × (d_e + d_c)) is [e_t, c_k]; H is an MLP with relu hidden
 *       layers: Z_l = H_{l−1}·A_lᵀ + b_l, H_l = relu(Z_l), H_0 = X, and a linear output layer
 *       O = H_L·A_outᵀ + b_out (n × C). All chunks go through at once: one matrix product per layer
 *       through {@link MatrixKernel}.</li>
 *   <li>W_i = s_i·O_i for i &lt; |W| (O read row-major; the last chunk's overhang is dropped), s_i a
 *       fixed per-tensor scale: the std the {@code init} rule gives tensor i (for a bias, its
 *       layer's weight std). With He-initialised hidden layers, A_out of std 1/√width and unit-normal
 *       embeddings, O starts near unit variance, so W starts at the standard initialisation's scale.</li>
 *   <li>Backward (hand-written, H's activations recomputed from θ): dO_i = s_i·dW_i, then per layer
 *       dA_l += dZ_lᵀ·H_{l−1}, db_l += column sums of dZ_l, dH_{l−1} = dZ_l·A_l, dZ_{l−1} =
 *       dH_{l−1}·[Z_{l−1} &gt; 0]; finally de_t += Σ_k dX[k, :d_e], dc_k += dX[k, d_e:].</li>
 * </ol>
 *
 * <p>θ layout: for every layer of H (hidden layers, then the output layer) A_l (out × in,
 * row-major) then b_l; then the chunk embeddings (n × d_c); then the task embeddings (T × d_e).
 * The parts are {@code hypernet}, {@code chunk-embeddings}, {@code task-embeddings}.
 *
 * <p>Immutable and thread-safe: the scale table is built in the constructor, activations are
 * per-thread scratch; generate and backward allocate nothing in steady state.
 */
public final class TaskHypernetWeightGenerator implements ConditionalWeightGenerator {

    private final ParameterLayout layout;
    private final TaskHypernetConfig config;
    private final MatrixKernel kernel;
    private final int weightCount;
    private final int chunks;
    private final int inWidth;
    private final int[] widths;      // layer l maps widths[l] → widths[l+1]; widths[0] = d_e + d_c, last = C
    private final int[] aOffset;     // θ offset of A_l
    private final int[] bOffset;     // θ offset of b_l
    private final int hypernetCount;
    private final int chunkOffset;
    private final int taskOffset;
    private final int parameterCount;
    private final double[] scale;    // s_i
    private final ThreadLocal<Scratch> scratch;

    /** Per-thread activations: z[l] and h[l] (n × widths[l+1]), the input X and the gradients. */
    private final class Scratch {
        final double[] x;
        final double[][] z;
        final double[][] h;
        final double[] dz;
        final double[] dh;

        Scratch() {
            x = new double[chunks * inWidth];
            int layers = widths.length - 1;
            z = new double[layers][];
            h = new double[layers][];
            int max = 0;
            for (int l = 0; l < layers; l++) {
                z[l] = new double[chunks * widths[l + 1]];
                h[l] = l < layers - 1 ? new double[chunks * widths[l + 1]] : z[l];
                max = Math.max(max, Math.max(widths[l], widths[l + 1]));
            }
            dz = new double[chunks * max];
            dh = new double[chunks * max];
        }
    }

    public TaskHypernetWeightGenerator(ParameterLayout layout, TaskHypernetConfig config) {
        this(layout, config, MatrixKernel.best());
    }

    public TaskHypernetWeightGenerator(ParameterLayout layout, TaskHypernetConfig config, MatrixKernel kernel) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.config = Objects.requireNonNull(config, "config");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.weightCount = layout.weightCount();
        int c = Math.min(config.chunkSize(), weightCount);
        this.chunks = (weightCount + c - 1) / c;
        this.inWidth = config.taskEmbedding() + config.chunkEmbedding();
        List<Integer> hidden = config.hidden();
        this.widths = new int[hidden.size() + 2];
        widths[0] = inWidth;
        for (int l = 0; l < hidden.size(); l++) {
            widths[l + 1] = hidden.get(l);
        }
        widths[widths.length - 1] = c;
        int layers = widths.length - 1;
        this.aOffset = new int[layers];
        this.bOffset = new int[layers];
        int at = 0;
        for (int l = 0; l < layers; l++) {
            aOffset[l] = at;
            at += widths[l + 1] * widths[l];
            bOffset[l] = at;
            at += widths[l + 1];
        }
        this.hypernetCount = at;
        this.chunkOffset = at;
        at += chunks * config.chunkEmbedding();
        this.taskOffset = at;
        at += config.tasks() * config.taskEmbedding();
        this.parameterCount = at;
        this.scale = new double[weightCount];
        for (ParameterTensor t : layout.tensors()) {
            double s = t.isBias() ? biasScale(t) : config.init().std(t);
            Arrays.fill(scale, t.offset(), t.end(), s);
        }
        this.scratch = ThreadLocal.withInitial(Scratch::new);
    }

    /** A bias is scaled like its layer's weights (a standard rule would start it at zero, which H cannot make). */
    private double biasScale(ParameterTensor bias) {
        for (ParameterTensor t : layout.tensors()) {
            if (!t.isBias() && t.layer() == bias.layer()) {
                return config.init().std(t);
            }
        }
        return 0.1;
    }

    public TaskHypernetConfig config() {
        return config;
    }

    /** Chunks n. */
    public int chunkCount() {
        return chunks;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public int contextCount() {
        return config.tasks();
    }

    @Override
    public Map<String, Integer> parameterParts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hypernet", hypernetCount);
        m.put("chunk-embeddings", chunks * config.chunkEmbedding());
        m.put("task-embeddings", config.tasks() * config.taskEmbedding());
        return m;
    }

    /** θ offset of task {@code t}'s embedding e_t. */
    public int taskEmbeddingOffset(int t) {
        return taskOffset + checkContext(t) * config.taskEmbedding();
    }

    @Override
    public double[] generate(double[] theta, int context, double[] weights) {
        check(theta, weights);
        checkContext(context);
        Scratch s = scratch.get();
        forward(theta, context, s);
        double[] o = s.z[s.z.length - 1];
        for (int i = 0; i < weightCount; i++) {
            weights[i] = scale[i] * o[i]; // W_i = s_i·O_i
        }
        return weights;
    }

    /** X = [e_t, c_k] rows, then every layer; leaves Z_l, H_l in {@code s}. */
    private void forward(double[] theta, int context, Scratch s) {
        int de = config.taskEmbedding();
        int dc = config.chunkEmbedding();
        int e = taskOffset + context * de;
        for (int k = 0; k < chunks; k++) {
            System.arraycopy(theta, e, s.x, k * inWidth, de);
            System.arraycopy(theta, chunkOffset + k * dc, s.x, k * inWidth + de, dc);
        }
        int layers = widths.length - 1;
        double[] prev = s.x;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] z = s.z[l];
            // Z_l = H_{l−1}·A_lᵀ + b_l
            kernel.gemm(false, true, chunks, out, in, prev, 0, in, theta, aOffset[l], in, 0.0, z, 0, out);
            for (int k = 0; k < chunks; k++) {
                int row = k * out;
                for (int j = 0; j < out; j++) {
                    z[row + j] += theta[bOffset[l] + j];
                }
            }
            if (l < layers - 1) {
                double[] h = s.h[l];
                for (int i = 0; i < z.length; i++) {
                    h[i] = z[i] > 0 ? z[i] : 0.0;
                }
                prev = h;
            }
        }
    }

    @Override
    public double[] backward(double[] theta, int context, double[] dWeights, double[] dTheta) {
        check(theta, dWeights);
        if (dTheta.length != parameterCount) {
            throw new IllegalArgumentException("dTheta has length " + dTheta.length + ", expected " + parameterCount);
        }
        checkContext(context);
        Scratch s = scratch.get();
        forward(theta, context, s);
        int layers = widths.length - 1;
        int c = widths[layers];
        double[] dz = s.dz;
        for (int i = 0; i < weightCount; i++) {
            dz[i] = scale[i] * dWeights[i]; // dO_i = s_i·dW_i
        }
        Arrays.fill(dz, weightCount, chunks * c, 0.0);
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] prev = l == 0 ? s.x : s.h[l - 1];
            // dA_l += dZ_lᵀ·H_{l−1}
            kernel.gemm(true, false, out, in, chunks, dz, 0, out, prev, 0, in, 1.0, dTheta, aOffset[l], in);
            for (int k = 0; k < chunks; k++) {
                int row = k * out;
                for (int j = 0; j < out; j++) {
                    dTheta[bOffset[l] + j] += dz[row + j]; // db_l += Σ_k dZ_l[k]
                }
            }
            // dH_{l−1} = dZ_l·A_l
            kernel.gemm(false, false, chunks, in, out, dz, 0, out, theta, aOffset[l], in, 0.0, s.dh, 0, in);
            if (l > 0) {
                double[] z = s.z[l - 1];
                for (int i = 0; i < chunks * in; i++) {
                    dz[i] = z[i] > 0 ? s.dh[i] : 0.0; // relu'
                }
            }
        }
        int de = config.taskEmbedding();
        int dc = config.chunkEmbedding();
        int e = taskOffset + context * de;
        double[] dx = s.dh;
        for (int k = 0; k < chunks; k++) {
            int row = k * inWidth;
            for (int j = 0; j < de; j++) {
                dTheta[e + j] += dx[row + j];
            }
            int ck = chunkOffset + k * dc;
            for (int j = 0; j < dc; j++) {
                dTheta[ck + j] += dx[row + de + j];
            }
        }
        return dTheta;
    }

    private void check(double[] theta, double[] weights) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + parameterCount);
        }
        if (weights.length != weightCount) {
            throw new IllegalArgumentException("weights has length " + weights.length + ", expected " + weightCount);
        }
    }

    /**
     * He-normal hidden layers (std √(2/in)), an output layer of std 1/√width (so O starts near unit
     * variance and W near the {@code init} rule's scale), zero biases, unit-normal embeddings.
     *
     * @param theta modified: every element written
     * @return {@code theta}
     */
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + parameterCount);
        }
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            double std = l < layers - 1 ? Math.sqrt(2.0 / widths[l]) : 1.0 / Math.sqrt(widths[l]);
            for (int i = aOffset[l]; i < bOffset[l]; i++) {
                theta[i] = std * rng.nextGaussian();
            }
            Arrays.fill(theta, bOffset[l], bOffset[l] + widths[l + 1], 0.0);
        }
        for (int i = chunkOffset; i < parameterCount; i++) {
            theta[i] = rng.nextGaussian();
        }
        return theta;
    }
}
