package io.hyperloom.cppn.evolve;

import io.jenetics.Chromosome;
import io.jenetics.Genotype;
import io.jenetics.util.ISeq;

import java.util.Objects;

/**
 * A one-gene chromosome holding a {@link GenomeGene}; {@link #genotype} wraps a genome for a
 * Jenetics {@code Phenotype}.
 *
 * @param <G> the immutable genome type
 */
public record GenomeChromosome<G>(GenomeGene<G> gene) implements Chromosome<GenomeGene<G>> {

    public GenomeChromosome {
        Objects.requireNonNull(gene, "gene");
    }

    public static <G> Genotype<GenomeGene<G>> genotype(G genome) {
        return Genotype.of(new GenomeChromosome<>(new GenomeGene<>(genome)));
    }

    /** The genome inside a genotype made by {@link #genotype}. */
    public static <G> G genome(Genotype<GenomeGene<G>> genotype) {
        return genotype.gene().allele();
    }

    @Override
    public Chromosome<GenomeGene<G>> newInstance(ISeq<GenomeGene<G>> genes) {
        if (genes.length() != 1) {
            throw new IllegalArgumentException("a genome chromosome holds exactly one gene, got " + genes.length());
        }
        return new GenomeChromosome<>(genes.get(0));
    }

    @Override
    public Chromosome<GenomeGene<G>> newInstance() {
        throw new UnsupportedOperationException("new genomes come from the run's Breeder");
    }

    @Override
    public GenomeGene<G> get(int index) {
        if (index != 0) {
            throw new IndexOutOfBoundsException("a genome chromosome has one gene, asked for " + index);
        }
        return gene;
    }

    @Override
    public int length() {
        return 1;
    }
}
