package io.hyperloom.search.optimize.cmaes;

import java.util.Optional;

/**
 * An evolution strategy driven by ask and tell: {@link #ask} samples a generation of λ candidates,
 * the caller evaluates them however it likes (in parallel, on another machine), and {@link #tell}
 * hands back their fitness in candidate order. Every random draw happens inside {@link #ask}, from
 * the generator the strategy was built with, so the result does not depend on how the candidates
 * were evaluated.
 *
 * <p>Run-scoped mutable state, used from one thread. Calls alternate: ask, tell, ask, tell, …
 *
 * {@snippet :
 * EvolutionStrategy es = new CmaEs(x0, 0.5, 0, Seeds.random(1));
 * while (!es.hasConverged()) {
 *     double[][] xs = es.ask();
 *     double[] fitness = new double[xs.length];
 *     for (int k = 0; k < xs.length; k++) {
 *         fitness[k] = -sphere(xs[k]);            // higher is better
 *     }
 *     es.tell(fitness);
 * }
 * }
 */
public interface EvolutionStrategy {

    /** n, the length of every candidate. */
    int dimension();

    /** λ, the number of candidates per generation. */
    int lambda();

    /**
     * Samples the next generation.
     *
     * @return λ candidates of length n. The arrays are buffers owned by the strategy: they stay
     *         valid, and must not be modified, until the next call of {@code ask}, which overwrites
     *         them. A caller that keeps a candidate copies it.
     * @throws IllegalStateException if the previous generation has not been told
     */
    double[][] ask();

    /**
     * Updates the distribution from the fitness of the candidates of the last {@link #ask}.
     *
     * @param fitness one value per candidate, in candidate order, higher is better; NaN ranks
     *                worst. Not modified.
     * @throws IllegalStateException    if there was no {@code ask} since the last {@code tell}
     * @throws IllegalArgumentException if {@code fitness.length != lambda()}
     */
    void tell(double[] fitness);

    /** The distribution's mean (a fresh copy). */
    double[] mean();

    /** The overall step size σ. */
    double sigma();

    /** Generations told so far. */
    long generation();

    /** Candidates told so far: {@code generation() * lambda()}. */
    default long evaluations() {
        return generation() * lambda();
    }

    /** The first stop condition met after the last {@link #tell}, or empty while the search goes on. */
    Optional<StopCondition> stopCondition();

    /** True once a stop condition is met: further generations would not make progress. */
    default boolean hasConverged() {
        return stopCondition().isPresent();
    }
}
