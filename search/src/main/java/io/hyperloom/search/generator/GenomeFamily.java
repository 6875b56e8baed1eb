package io.hyperloom.search.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * The genome as bytes for another process of the same build (a cluster worker), read back
     * exactly by {@link #fromBytes}. The default is the JSON form in UTF-8; a family whose genomes
     * travel often overrides both with a compact binary form.
     */
    default byte[] toBytes(G genome) {
        return toJson(genome).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException if {@code bytes} are not a genome of this family as {@link #toBytes} writes it */
    default G fromBytes(byte[] bytes) {
        try {
            return fromJson(JsonText.MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("genome bytes are not JSON: " + e.getMessage(), e);
        }
    }

    /** The plain mapper {@link #fromBytes} reads JSON with (an interface cannot hold a private field). */
    final class JsonText {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private JsonText() {
        }
    }
}
