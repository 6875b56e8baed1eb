package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.CppnActivation;

import java.util.List;
import java.util.Objects;

/**
 * How a CPPN is laid over a target network's substrate: which inputs it gets, how its outputs
 * map to tensors, and how a raw output becomes a weight.
 *
 * <p>CPPN inputs, in this order: x1, y1, [z1], x2, y2, [z2], [depth], [distance], then a bias node
 * (constant 1) if {@code bias}. (x1, y1, z1) is the source neuron, (x2, y2, z2) the target neuron
 * ({@link io.hyperloom.search.net.Shape} coordinates in [-1, 1]); depth is the tensor's layer
 * depth; distance is the Euclidean distance between source and target over the used axes. A bias
 * is queried at source (0, 0, 0) and its neuron as target.
 *
 * <p>Outputs: {@link Outputs#PER_TENSOR} gives every tensor of the layout its own output, in layout
 * order; {@link Outputs#SHARED} has one output for every weight tensor and one for every bias
 * tensor, told apart by the depth input (switched on automatically). With {@link Expression#LEO}
 * one more output per weight output (Verbancsics &amp; Stanley 2011) decides expression.
 *
 * <p>Expression of a weight from raw output v (biases are always max-weight·v):
 * THRESHOLD: |v| ≤ thr → 0, else sign(v)·(|v| − thr)/(1 − thr)·max-weight (HyperNEAT's classic);
 * LEO: max-weight·v where the LEO output is &gt; 0, else 0; NONE: max-weight·v.
 */
public record SubstrateConfig(boolean z, boolean depth, boolean distance, boolean bias, Outputs outputs,
                              Expression expression, double threshold, double maxWeight,
                              List<CppnActivation> activations, CppnActivation outputActivation) {

    public enum Outputs { PER_TENSOR, SHARED }

    public enum Expression { THRESHOLD, LEO, NONE }

    public SubstrateConfig {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(outputActivation, "outputActivation");
        activations = List.copyOf(activations);
        if (activations.isEmpty()) {
            throw new IllegalArgumentException("activations must not be empty");
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must lie in [0, 1), got " + threshold);
        }
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("max-weight must be > 0, got " + maxWeight);
        }
        if (outputs == Outputs.SHARED) {
            depth = true;
        }
    }

    /** HyperNEAT's classic: (x1, y1, x2, y2, bias), one output per tensor, threshold 0.2, max weight 3. */
    public static SubstrateConfig defaults() {
        return new SubstrateConfig(false, false, false, true, Outputs.PER_TENSOR, Expression.THRESHOLD, 0.2, 3.0,
                List.of(CppnActivation.BIPOLAR_SIGMOID, CppnActivation.GAUSSIAN, CppnActivation.SINE,
                        CppnActivation.ABS, CppnActivation.IDENTITY), CppnActivation.BIPOLAR_SIGMOID);
    }

    public SubstrateConfig withExpression(Expression e, double thr) {
        return new SubstrateConfig(z, depth, distance, bias, outputs, e, thr, maxWeight, activations, outputActivation);
    }

    /** CPPN inputs (the bias node not counted). */
    public int inputCount() {
        return 4 + (z ? 2 : 0) + (depth ? 1 : 0) + (distance ? 1 : 0);
    }

    /** Input names in order, for rendering. */
    public List<String> inputNames() {
        java.util.List<String> n = new java.util.ArrayList<>(List.of("x1", "y1"));
        if (z) {
            n.add("z1");
        }
        n.addAll(List.of("x2", "y2"));
        if (z) {
            n.add("z2");
        }
        if (depth) {
            n.add("depth");
        }
        if (distance) {
            n.add("distance");
        }
        return List.copyOf(n);
    }
}
