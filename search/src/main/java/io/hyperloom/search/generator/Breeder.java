package io.hyperloom.search.generator;

/**
 * Run-scoped variation of genomes: creates, mutates and recombines them, holding the run's
 * mutable bookkeeping (innovation numbers). Used from one thread; all randomness comes from the
 * generator it was created with.
 *
 * @param <G> the immutable genome type
 */
public interface Breeder<G> {

    /** A member of the initial population. */
    G create();

    G mutate(G genome);

    /** Offspring of two parents; {@code fitter} supplies the disjoint and excess genes. */
    G crossover(G fitter, G other);

    /** A compatibility distance for speciation (0 for identical genomes). */
    double distance(G a, G b);
}
