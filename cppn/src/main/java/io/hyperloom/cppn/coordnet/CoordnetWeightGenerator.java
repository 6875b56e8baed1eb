package io.hyperloom.cppn.coordnet;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.substrate.CompiledCppn;
import io.hyperloom.cppn.substrate.HyperNeatWeightGenerator;
import io.hyperloom.cppn.substrate.Substrate;
import io.hyperloom.cppn.substrate.SubstrateConfig;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed CPPN generating some weight tensors of a layout, the others searched directly.
 * θ = (the CPPN's connection weights in innovation order, then every direct tensor in layout order).
 * Immutable and thread-safe.
 *
 * <p>How it works: the CPPN is a fully connected MLP ({@link CoordnetFamily#mlp}), so it is
 * evaluated over all coordinates of a generated tensor as a batched MLP ({@link CoordinateMlp}:
 * matrix products through the {@link MatrixKernel}, coordinate matrices built once here) and
 * written straight into W; the backward pass is the same MLP's reverse mode as products. Direct
 * tensors pass θ and dW through. The general compiled CPPN over a sub-layout of the generated
 * tensors ({@link HyperNeatWeightGenerator}: one output per tensor, no expression threshold, max
 * weight 1) is kept as the fast path's naive twin for tests.
 *
 * <p>Each generated tensor is W = gain·CPPN(coordinates) with a fixed gain (by default the tensor's
 * initialisation std, so the CPPN's own output is of order 1). Why: one CPPN output weight or bias
 * moves all of a tensor's weights at once (a bias step δ shifts a 784-input unit's pre-activation by
 * δ·Σx); Adam gives it the same step as any other parameter, so with the gain folded into the
 * output layer (gain 1, output weights of order 0.04) a few steps of lr 0.003 shift every hidden
 * pre-activation of mnist-mlp by whole units and kill the relu layer. A fixed gain keeps the CPPN's
 * parameters of order 1, where Adam's step size means what it does for a plain network.
 */
public final class CoordnetWeightGenerator implements WeightGenerator {

    private final ParameterLayout layout;
    private final CppnGenome genome;
    private final HyperNeatWeightGenerator cppn;
    private final List<ParameterTensor> generated;
    private final List<ParameterTensor> direct;
    private final int cppnCount;
    private final int directCount;
    private final CoordinateMlp mlp;
    private final double[] gain;
    private final ThreadLocal<double[]> partial;

    /**
     * @param generated the tensors the CPPN fills (weight tensors of {@code layout}, layout order)
     * @param config    the substrate configuration: per-tensor outputs, no z, no depth
     * @param widths    hidden widths of the coordinate MLP
     * @param hidden    its hidden activation
     * @param gains     per generated tensor, the fixed factor its CPPN output is multiplied by
     */
    public CoordnetWeightGenerator(ParameterLayout layout, List<ParameterTensor> generated, SubstrateConfig config,
                                   int[] widths, CppnActivation hidden, double[] gains) {
        this(layout, generated, config, widths, hidden, gains, MatrixKernel.best());
    }

    CoordnetWeightGenerator(ParameterLayout layout, List<ParameterTensor> generated, SubstrateConfig config,
                            int[] widths, CppnActivation hidden, double[] gains, MatrixKernel kernel) {
        this.layout = Objects.requireNonNull(layout, "layout");
        if (gains.length != generated.size()) {
            throw new IllegalArgumentException("one gain per generated tensor needed: " + generated.size() + " tensors, "
                    + gains.length + " gains");
        }
        for (double g : gains) {
            if (!(g > 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("gains must be finite and > 0, got " + g);
            }
        }
        this.gain = gains.clone();
        if (config.z() || config.depth() || config.outputs() != SubstrateConfig.Outputs.PER_TENSOR) {
            throw new IllegalArgumentException("a coordinate network takes (x1, y1, x2, y2[, distance]) with one output "
                    + "per tensor; got " + config);
        }
        this.generated = List.copyOf(generated);
        this.genome = CoordnetFamily.mlp(config.inputCount(), widths, this.generated.size(), hidden);
        if (this.generated.isEmpty()) {
            throw new IllegalArgumentException("a coordinate network must generate at least one tensor");
        }
        List<ParameterTensor> sub = new ArrayList<>();
        int off = 0;
        for (ParameterTensor t : this.generated) {
            sub.add(new ParameterTensor(t.name(), t.role(), t.layer(), t.depth(), t.shape(), off, t.source(), t.target()));
            off += t.size();
        }
        this.cppn = new HyperNeatWeightGenerator(new Substrate(new ParameterLayout(sub), config), new CompiledCppn(genome));
        this.direct = layout.tensors().stream().filter(t -> !this.generated.contains(t)).toList();
        this.cppnCount = cppn.parameterCount();
        this.directCount = direct.stream().mapToInt(ParameterTensor::size).sum();
        List<double[]> coords = new ArrayList<>();
        for (ParameterTensor t : this.generated) {
            coords.add(coordinates(t, config.inputCount(), config.distance()));
        }
        this.mlp = new CoordinateMlp(config.inputCount(), widths.clone(), this.generated.size(), hidden, coords, kernel);
        if (mlp.thetaCount() != cppnCount) {
            throw new IllegalStateException("coordinate MLP has " + mlp.thetaCount() + " weights, the CPPN " + cppnCount);
        }
        int count = cppnCount;
        this.partial = ThreadLocal.withInitial(() -> new double[count]);
    }

    /** The fixed factor output {@code o}'s raw CPPN value is multiplied by. */
    public double gain(int o) {
        return gain[o];
    }

    /**
     * The tensor's coordinate matrix, one row per weight in flat order (row t·sources + s): x1, y1,
     * x2, y2 and, with {@code distance}, √(Δx² + Δy² + Δz²) — the substrate's inputs, in its order.
     */
    static double[] coordinates(ParameterTensor t, int inputs, boolean distance) {
        Shape src = t.source();
        Shape tgt = t.target();
        int n = src.size();
        double[] x = new double[t.size() * inputs];
        for (int j = 0; j < tgt.size(); j++) {
            for (int s = 0; s < n; s++) {
                int r = (j * n + s) * inputs;
                x[r] = src.x(s);
                x[r + 1] = src.y(s);
                x[r + 2] = tgt.x(j);
                x[r + 3] = tgt.y(j);
                if (distance) {
                    double dx = tgt.x(j) - src.x(s);
                    double dy = tgt.y(j) - src.y(s);
                    double dz = tgt.z(j) - src.z(s);
                    x[r + 4] = Math.sqrt(dx * dx + dy * dy + dz * dz);
                }
            }
        }
        return x;
    }

    /** The fixed CPPN (its weights are θ's first {@link #cppnCount()} numbers, not the genome's). */
    public CppnGenome genome() {
        return genome;
    }

    public List<ParameterTensor> generatedTensors() {
        return generated;
    }

    public List<ParameterTensor> directTensors() {
        return direct;
    }

    public int cppnCount() {
        return cppnCount;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int parameterCount() {
        return cppnCount + directCount;
    }

    @Override
    public Map<String, Integer> parameterParts() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("coordnet", cppnCount);
        p.put("direct", directCount);
        return p;
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        for (int o = 0; o < generated.size(); o++) {
            ParameterTensor t = generated.get(o);
            mlp.generate(o, theta, weights, t.offset());
            if (gain[o] != 1.0) {
                for (int i = t.offset(); i < t.offset() + t.size(); i++) {
                    weights[i] *= gain[o];
                }
            }
        }
        int k = cppnCount;
        for (ParameterTensor t : direct) {
            System.arraycopy(theta, k, weights, t.offset(), t.size());
            k += t.size();
        }
        return weights;
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        for (int o = 0; o < generated.size(); o++) {
            if (gain[o] == 1.0) {
                mlp.backward(o, theta, dWeights, generated.get(o).offset(), dTheta); // dTheta[0 .. cppnCount) only
            } else {
                // the backward pass is linear in dW, so the gain scales its contribution once, not per weight
                double[] p = partial.get();
                Arrays.fill(p, 0.0);
                mlp.backward(o, theta, dWeights, generated.get(o).offset(), p);
                for (int i = 0; i < cppnCount; i++) {
                    dTheta[i] += gain[o] * p[i];
                }
            }
        }
        int k = cppnCount;
        for (ParameterTensor t : direct) {
            for (int i = 0; i < t.size(); i++) {
                dTheta[k + i] += dWeights[t.offset() + i];
            }
            k += t.size();
        }
        return dTheta;
    }

    /** Generates only the CPPN's raw outputs (gain not applied), in sub-layout order (for initial scaling). */
    double[] generateSub(double[] theta) {
        double[] sub = new double[cppn.layout().weightCount()];
        int off = 0;
        for (int o = 0; o < generated.size(); o++) {
            mlp.generate(o, theta, sub, off);
            off += generated.get(o).size();
        }
        return sub;
    }

    /** The naive twin of {@link #generate}'s CPPN part: the general compiled CPPN, sub-layout order (tests). */
    double[] naiveGenerateSub(double[] theta) {
        return cppn.generate(theta, new double[cppn.layout().weightCount()]);
    }

    /** The naive twin of {@link #backward}'s CPPN part: dSub in sub-layout order (tests). */
    double[] naiveBackwardSub(double[] theta, double[] dSub, double[] dTheta) {
        return cppn.backward(theta, dSub, dTheta);
    }
}
