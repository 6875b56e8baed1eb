package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link HypernetWeightGenerator} with H frozen: θ = (tile embeddings, direct tensors) only, H a
 * fixed vector given at construction (option {@code train=embeddings}, for evolving embeddings
 * under a random fixed H). Immutable and thread-safe; the full θ and dθ of the inner generator are
 * per-thread scratch.
 *
 * <p>How it works: generate copies θ behind the frozen H into the scratch full θ and calls the
 * inner generator; backward runs the inner backward into a zeroed full dθ and adds its tail (the
 * embedding and direct parts) to dθ. The H part of that gradient is dropped: H does not move.
 */
public final class FrozenHypernetGenerator implements WeightGenerator {

    private final HypernetWeightGenerator inner;
    private final double[] h;
    private final ThreadLocal<double[][]> scratch;

    /** @param h the frozen H, {@code inner.hypernetCount()} numbers (copied) */
    public FrozenHypernetGenerator(HypernetWeightGenerator inner, double[] h) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (h.length != inner.hypernetCount()) {
            throw new IllegalArgumentException("frozen H has " + h.length + " numbers, the hypernetwork "
                    + inner.hypernetCount());
        }
        this.h = h.clone();
        int full = inner.parameterCount();
        this.scratch = ThreadLocal.withInitial(() -> new double[][]{new double[full], new double[full]});
    }

    public HypernetWeightGenerator inner() {
        return inner;
    }

    /** A copy of the frozen H. */
    public double[] frozenH() {
        return h.clone();
    }

    @Override
    public ParameterLayout layout() {
        return inner.layout();
    }

    @Override
    public int parameterCount() {
        return inner.parameterCount() - h.length;
    }

    @Override
    public Map<String, Integer> parameterParts() {
        Map<String, Integer> p = new LinkedHashMap<>();
        p.put("embeddings", inner.embeddingCount());
        p.put("direct", inner.directCount());
        return p;
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        return inner.generate(full(theta), weights);
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        double[] d = scratch.get()[1];
        Arrays.fill(d, 0.0);
        inner.backward(full(theta), dWeights, d);
        for (int i = 0; i < theta.length; i++) {
            dTheta[i] += d[h.length + i];
        }
        return dTheta;
    }

    /** The inner θ: frozen H, then θ. */
    private double[] full(double[] theta) {
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + parameterCount());
        }
        double[] f = scratch.get()[0];
        System.arraycopy(h, 0, f, 0, h.length);
        System.arraycopy(theta, 0, f, h.length, theta.length);
        return f;
    }

    @Override
    public String toString() {
        return "FrozenHypernetGenerator[" + inner + ", H frozen]";
    }
}
