package io.hyperloom.cppn.genome;

import java.util.Objects;

/**
 * One node of a CPPN or NEAT network. Ids are historical markings too: inputs, the bias and the
 * outputs take the first ids in that order, hidden nodes get theirs from an {@link InnovationRegistry}.
 */
public record NodeGene(int id, Type type, CppnActivation activation) {

    public enum Type { INPUT, BIAS, HIDDEN, OUTPUT }

    public NodeGene {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(activation, "activation");
        if (id < 0) {
            throw new IllegalArgumentException("node id must be >= 0, got " + id);
        }
    }

    /** Inputs and the bias only send; they have no incoming connections. */
    public boolean isSensor() {
        return type == Type.INPUT || type == Type.BIAS;
    }

    public NodeGene withActivation(CppnActivation a) {
        return new NodeGene(id, type, a);
    }
}
