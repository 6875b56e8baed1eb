package io.hyperloom.cppn.coordnet;

import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.substrate.CompiledCppn;
import io.hyperloom.cppn.substrate.HyperNeatWeightGenerator;
import io.hyperloom.cppn.substrate.Substrate;
import io.hyperloom.cppn.substrate.SubstrateConfig;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed CPPN generating some weight tensors of a layout, the others searched directly.
 * θ = (the CPPN's connection weights in innovation order, then every direct tensor in layout order).
 * Immutable and thread-safe.
 *
 * <p>How it works: the generated tensors are laid out again from offset 0 as a sub-layout; a
 * {@link HyperNeatWeightGenerator} over that sub-layout (one CPPN output per tensor, no expression
 * threshold, max weight 1, so W = CPPN output) fills a scratch buffer, which is copied to the
 * tensors' places in W. The backward pass gathers dW of the generated tensors into the same
 * sub-layout order and runs the CPPN's exact reverse mode; direct tensors pass dW through.
 */
public final class CoordnetWeightGenerator implements WeightGenerator {

    private final ParameterLayout layout;
    private final CppnGenome genome;
    private final HyperNeatWeightGenerator cppn;
    private final List<ParameterTensor> generated;
    private final List<ParameterTensor> direct;
    private final int cppnCount;
    private final int directCount;

    /**
     * @param generated the tensors the CPPN fills (weight tensors of {@code layout}, layout order)
     * @param config    the substrate configuration; its outputs must be per-tensor
     * @param genome    a feed-forward CPPN with one output per generated tensor
     */
    public CoordnetWeightGenerator(ParameterLayout layout, List<ParameterTensor> generated, SubstrateConfig config,
                                   CppnGenome genome) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.genome = Objects.requireNonNull(genome, "genome");
        this.generated = List.copyOf(generated);
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
        double[] sub = cppn.generate(theta, new double[cppn.layout().weightCount()]);
        int off = 0;
        for (ParameterTensor t : generated) {
            System.arraycopy(sub, off, weights, t.offset(), t.size());
            off += t.size();
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
        double[] dSub = new double[cppn.layout().weightCount()];
        int off = 0;
        for (ParameterTensor t : generated) {
            System.arraycopy(dWeights, t.offset(), dSub, off, t.size());
            off += t.size();
        }
        cppn.backward(theta, dSub, dTheta); // writes dTheta[0 .. cppnCount) only
        int k = cppnCount;
        for (ParameterTensor t : direct) {
            for (int i = 0; i < t.size(); i++) {
                dTheta[k + i] += dWeights[t.offset() + i];
            }
            k += t.size();
        }
        return dTheta;
    }

    /** Generates only the CPPN's tensors, in sub-layout order (for initial scaling). */
    double[] generateSub(double[] theta) {
        return cppn.generate(theta, new double[cppn.layout().weightCount()]);
    }
}
