package io.hyperloom.cppn.evolve;

import io.jenetics.Gene;

import java.util.Objects;

/**
 * A Jenetics gene whose one allele is a whole immutable genome, so no positional crossover cuts
 * through it. New random genomes come from the run's breeder, not from Jenetics' {@code RandomRegistry},
 * so {@link #newInstance()} is not supported.
 *
 * @param <G> the immutable genome type
 */
public record GenomeGene<G>(G allele) implements Gene<G, GenomeGene<G>> {

    public GenomeGene {
        Objects.requireNonNull(allele, "allele");
    }

    @Override
    public GenomeGene<G> newInstance() {
        throw new UnsupportedOperationException("new genomes come from the run's Breeder, drawing from the run's generator");
    }

    @Override
    public GenomeGene<G> newInstance(G value) {
        return new GenomeGene<>(value);
    }

    @Override
    public boolean isValid() {
        return true;
    }
}
