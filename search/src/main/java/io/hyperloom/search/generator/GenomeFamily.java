package io.hyperloom.search.generator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.random.RandomGenerator;

/**
 * What evolvable and network families share: genomes that a run-scoped {@link Breeder} varies
 * and that are stored as JSON with a result.
 *
 * @param <G> the immutable genome type
 */
public interface GenomeFamily<G> {

    /** A new breeder for one run, drawing all randomness from {@code rng}. */
    Breeder<G> breeder(RandomGenerator rng);

    /** A JSON form of the genome, stored with the best result so it can be rendered and rerun. */
    JsonNode toJson(G genome);

    /** @throws IllegalArgumentException if {@code json} is not a genome of this family */
    G fromJson(JsonNode json);

    /** The number of searched numbers in a genome (its θ), for accounting. */
    int parameterCount(G genome);
}
