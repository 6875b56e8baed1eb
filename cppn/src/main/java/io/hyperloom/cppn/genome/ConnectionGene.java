package io.hyperloom.cppn.genome;

/** One connection of a CPPN: its historical marking, endpoints (node ids), weight and whether it is expressed. */
public record ConnectionGene(long innovation, int source, int target, double weight, boolean enabled) {

    public ConnectionGene {
        if (innovation < 0) {
            throw new IllegalArgumentException("innovation must be >= 0, got " + innovation);
        }
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight of connection " + innovation + " must be finite, got " + weight);
        }
    }

    public ConnectionGene withWeight(double w) {
        return new ConnectionGene(innovation, source, target, w, enabled);
    }

    public ConnectionGene withEnabled(boolean e) {
        return new ConnectionGene(innovation, source, target, weight, e);
    }
}
