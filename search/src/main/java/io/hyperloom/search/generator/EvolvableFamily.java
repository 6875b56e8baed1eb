package io.hyperloom.search.generator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.random.RandomGenerator;

/**
 * A family whose genomes have structure that evolves (a CPPN topology). Each genome decodes to a
 * generator and its θ; the Lamarckian hybrid writes a trained θ back with {@link #withTheta}.
 *
 * @param <G> the immutable genome type
 */
public non-sealed interface EvolvableFamily<G> extends GeneratorFamily {

    /** A decoded genome: the generator its structure defines and the θ it carries (a fresh copy). */
    record Decoded(WeightGenerator generator, double[] theta) {
    }

    Decoded decode(G genome);

    /** The genome with its θ replaced by {@code theta} (same length as {@link #decode}'s). */
    G withTheta(G genome, double[] theta);

    /** A JSON form of the genome, stored with the best result so it can be rendered and rerun. */
    JsonNode toJson(G genome);

    G fromJson(JsonNode json);

    /**
     * Run-scoped variation: creates, mutates and recombines genomes. Holds the run's mutable
     * bookkeeping (innovation numbers); used from one thread.
     */
    interface Breeder<G> {
        G create();

        G mutate(G genome);

        G crossover(G fitter, G other);

        /** A compatibility distance for speciation (0 for identical genomes). */
        double distance(G a, G b);
    }

    /** A new breeder for one run, drawing all randomness from {@code rng}. */
    Breeder<G> breeder(RandomGenerator rng);
}
