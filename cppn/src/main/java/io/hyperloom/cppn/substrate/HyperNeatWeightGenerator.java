package io.hyperloom.cppn.substrate;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A decoded CPPN laid over a substrate: θ (the CPPN's enabled connection weights) → every weight
 * and bias of the target network. Immutable and thread-safe; each call allocates its scratch once
 * (never per query).
 *
 * <p>How {@link #generate} works:
 * <ol>
 *   <li>Every CPPN slot is classed by which coordinates it depends on: bit 1 = source, bit 2 =
 *       target (x1, y1, z1 → 1; x2, y2, z2 → 2; distance → 3; depth and bias → 0; a node → the OR of
 *       its inputs). Per tensor only the ancestors of its outputs are computed.</li>
 *   <li>Class-0 nodes are computed once per tensor as scalars, class-1 nodes once per tensor as
 *       arrays over the source neurons.</li>
 *   <li>For each target neuron: class-2 nodes as scalars, then class-3 nodes as arrays over the
 *       sources: a[b] = act(c + Σ w·a_src[b]), the constant c gathering the scalar inputs.</li>
 *   <li>The weight output is expressed (threshold, LEO or none) and written to the target's row.</li>
 * </ol>
 * A CPPN split into source-only and target-only parts thus costs little more than its mixed nodes.
 *
 * <p>{@link #backward} is exact reverse mode through the same CPPN, summed over every query. The
 * threshold makes W piecewise in θ: the gradient is that of the expressed branch (0 for weights
 * under the threshold or switched off by LEO; the step activation has derivative 0).
 */
public final class HyperNeatWeightGenerator implements WeightGenerator {

    private final Substrate substrate;
    private final CompiledCppn cppn;
    private final int[] cls;
    private final int[][][] plan;
    private final int distanceSlot;

    public HyperNeatWeightGenerator(Substrate substrate, CompiledCppn cppn) {
        this.substrate = Objects.requireNonNull(substrate, "substrate");
        this.cppn = Objects.requireNonNull(cppn, "cppn");
        if (cppn.inputCount() != substrate.config().inputCount() || cppn.outputCount() != substrate.outputCount()) {
            throw new IllegalArgumentException("the CPPN has " + cppn.inputCount() + " inputs and " + cppn.outputCount()
                    + " outputs; the substrate needs " + substrate.config().inputCount() + " and " + substrate.outputCount());
        }
        cls = new int[cppn.slots];
        int dist = -1;
        for (int s = 0; s < cppn.inputs; s++) {
            cls[s] = switch (substrate.role(s)) {
                case X1, Y1, Z1 -> 1;
                case X2, Y2, Z2 -> 2;
                case DISTANCE -> 3;
                case DEPTH -> 0;
            };
            if (substrate.role(s) == Substrate.Role.DISTANCE) {
                dist = s;
            }
        }
        distanceSlot = dist;
        for (int s = cppn.sensors; s < cppn.slots; s++) {
            for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
                cls[s] |= cls[cppn.edgeSource[e]];
            }
        }
        List<Substrate.Query> qs = substrate.queries();
        plan = new int[qs.size()][][];
        for (int i = 0; i < qs.size(); i++) {
            boolean[] need = cppn.ancestors(qs.get(i).output, qs.get(i).leo);
            plan[i] = new int[4][];
            for (int c = 0; c < 4; c++) {
                List<Integer> l = new ArrayList<>();
                for (int s = cppn.sensors; s < cppn.slots; s++) {
                    if (need[s] && cls[s] == c) {
                        l.add(s);
                    }
                }
                plan[i][c] = l.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    public CompiledCppn cppn() {
        return cppn;
    }

    public Substrate substrate() {
        return substrate;
    }

    @Override
    public ParameterLayout layout() {
        return substrate.layout();
    }

    @Override
    public int parameterCount() {
        return cppn.thetaCount();
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        int n = substrate.maxSources();
        double[] arr = new double[cppn.slots * n];
        double[] scal = new double[cppn.slots];
        List<Substrate.Query> qs = substrate.queries();
        for (int i = 0; i < qs.size(); i++) {
            generateTensor(qs.get(i), plan[i], theta, weights, arr, scal);
        }
        return weights;
    }

    private void generateTensor(Substrate.Query q, int[][] p, double[] theta, double[] weights, double[] arr, double[] scal) {
        int n = q.sources;
        for (int s = 0; s < cppn.inputs; s++) {
            switch (substrate.role(s)) {
                case X1 -> System.arraycopy(q.sx, 0, arr, s * n, n);
                case Y1 -> System.arraycopy(q.sy, 0, arr, s * n, n);
                case Z1 -> System.arraycopy(q.sz, 0, arr, s * n, n);
                case DEPTH -> scal[s] = q.depth;
                default -> { }
            }
        }
        if (cppn.biasSlot >= 0) {
            scal[cppn.biasSlot] = 1.0;
        }
        for (int s : p[0]) {
            scalarNode(s, theta, scal);
        }
        for (int s : p[1]) {
            arrayNode(s, n, theta, arr, scal);
        }
        int out = cppn.outputSlot[q.output];
        int leo = q.leo < 0 ? -1 : cppn.outputSlot[q.leo];
        SubstrateConfig cfg = substrate.config();
        for (int t = 0; t < q.targets; t++) {
            for (int s = 0; s < cppn.inputs; s++) {
                switch (substrate.role(s)) {
                    case X2 -> scal[s] = q.tx[t];
                    case Y2 -> scal[s] = q.ty[t];
                    case Z2 -> scal[s] = q.tz[t];
                    default -> { }
                }
            }
            if (distanceSlot >= 0) {
                int d = distanceSlot * n;
                for (int b = 0; b < n; b++) {
                    arr[d + b] = Substrate.distance(q, b, t);
                }
            }
            for (int s : p[2]) {
                scalarNode(s, theta, scal);
            }
            for (int s : p[3]) {
                arrayNode(s, n, theta, arr, scal);
            }
            int row = q.offset + t * n;
            boolean outVaries = (cls[out] & 1) != 0;
            boolean leoVaries = leo >= 0 && (cls[leo] & 1) != 0;
            for (int b = 0; b < n; b++) {
                double v = outVaries ? arr[out * n + b] : scal[out];
                double l = leo < 0 ? 1.0 : (leoVaries ? arr[leo * n + b] : scal[leo]);
                weights[row + b] = express(v, l, q.bias, cfg);
            }
        }
    }

    /** s = act(Σ w·scal[src]); every source of a scalar node is scalar. */
    private void scalarNode(int s, double[] theta, double[] scal) {
        double sum = 0;
        for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
            sum += theta[cppn.edgeTheta[e]] * scal[cppn.edgeSource[e]];
        }
        scal[s] = cppn.activation[s].apply(sum);
    }

    /** a[b] = act(c + Σ_{array sources} w·a_src[b]), c = Σ_{scalar sources} w·scal[src]. */
    private void arrayNode(int s, int n, double[] theta, double[] arr, double[] scal) {
        double c = 0;
        for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
            int src = cppn.edgeSource[e];
            if ((cls[src] & 1) == 0) {
                c += theta[cppn.edgeTheta[e]] * scal[src];
            }
        }
        int base = s * n;
        Arrays.fill(arr, base, base + n, c);
        for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
            int src = cppn.edgeSource[e];
            if ((cls[src] & 1) != 0) {
                double w = theta[cppn.edgeTheta[e]];
                int sb = src * n;
                for (int b = 0; b < n; b++) {
                    arr[base + b] += w * arr[sb + b]; // a += w·a_src
                }
            }
        }
        cppn.activation[s].applyInPlace(arr, base, n);
    }

    /** The weight from raw output v and LEO output l (see {@link SubstrateConfig}). */
    static double express(double v, double l, boolean bias, SubstrateConfig cfg) {
        double max = cfg.maxWeight();
        if (bias) {
            return max * v;
        }
        return switch (cfg.expression()) {
            case NONE -> max * v;
            case LEO -> l > 0 ? max * v : 0.0;
            case THRESHOLD -> {
                double a = Math.abs(v);
                double thr = cfg.threshold();
                yield a <= thr ? 0.0 : Math.signum(v) * (a - thr) / (1 - thr) * max;
            }
        };
    }

    /** dw/dv of {@link #express} on the expressed branch. */
    static double expressDerivative(double v, double l, boolean bias, SubstrateConfig cfg) {
        double max = cfg.maxWeight();
        if (bias) {
            return max;
        }
        return switch (cfg.expression()) {
            case NONE -> max;
            case LEO -> l > 0 ? max : 0.0;
            case THRESHOLD -> Math.abs(v) <= cfg.threshold() ? 0.0 : max / (1 - cfg.threshold());
        };
    }

    /**
     * Reverse mode, per tensor and target neuron: a plain forward pass over the sources keeps every
     * needed slot's pre-activation and output, then deltas flow back: g = δ·act'(pre, y),
     * dθ_e += Σ_b g[b]·a_src[b], δ_src += w·g.
     */
    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        int n = substrate.maxSources();
        int slots = cppn.slots;
        double[] val = new double[slots * n];
        double[] pre = new double[slots * n];
        double[] delta = new double[slots * n];
        double[] in = new double[cppn.inputs];
        List<Substrate.Query> qs = substrate.queries();
        SubstrateConfig cfg = substrate.config();
        for (int i = 0; i < qs.size(); i++) {
            Substrate.Query q = qs.get(i);
            int m = q.sources;
            int[] order = concat(plan[i]);
            java.util.Arrays.sort(order); // slots are numbered in topological order
            int out = cppn.outputSlot[q.output];
            int leo = q.leo < 0 ? -1 : cppn.outputSlot[q.leo];
            for (int t = 0; t < q.targets; t++) {
                for (int b = 0; b < m; b++) {
                    substrate.inputs(i, b, t, in);
                    for (int s = 0; s < cppn.inputs; s++) {
                        val[s * m + b] = in[s];
                    }
                    if (cppn.biasSlot >= 0) {
                        val[cppn.biasSlot * m + b] = 1.0;
                    }
                }
                for (int s : order) {
                    int base = s * m;
                    Arrays.fill(pre, base, base + m, 0.0);
                    for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
                        double w = theta[cppn.edgeTheta[e]];
                        int sb = cppn.edgeSource[e] * m;
                        for (int b = 0; b < m; b++) {
                            pre[base + b] += w * val[sb + b];
                        }
                    }
                    for (int b = 0; b < m; b++) {
                        val[base + b] = cppn.activation[s].apply(pre[base + b]);
                    }
                }
                Arrays.fill(delta, 0, slots * m, 0.0);
                int row = q.offset + t * m;
                for (int b = 0; b < m; b++) {
                    double l = leo < 0 ? 1.0 : val[leo * m + b];
                    delta[out * m + b] += dWeights[row + b] * expressDerivative(val[out * m + b], l, q.bias, cfg);
                }
                for (int k = order.length - 1; k >= 0; k--) {
                    int s = order[k];
                    int base = s * m;
                    for (int b = 0; b < m; b++) {
                        delta[base + b] *= cppn.activation[s].derivative(pre[base + b], val[base + b]); // g = δ·act'
                    }
                    for (int e = cppn.edgeStart[s]; e < cppn.edgeStart[s + 1]; e++) {
                        double w = theta[cppn.edgeTheta[e]];
                        int sb = cppn.edgeSource[e] * m;
                        double g = 0;
                        for (int b = 0; b < m; b++) {
                            g += delta[base + b] * val[sb + b];
                            delta[sb + b] += w * delta[base + b];
                        }
                        dTheta[cppn.edgeTheta[e]] += g;
                    }
                }
            }
        }
        return dTheta;
    }

    private static int[] concat(int[][] parts) {
        int len = 0;
        for (int[] p : parts) {
            len += p.length;
        }
        int[] out = new int[len];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
