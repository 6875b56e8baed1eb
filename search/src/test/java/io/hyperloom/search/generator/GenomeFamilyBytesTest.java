package io.hyperloom.search.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A family without a binary form ships its genomes as their JSON, exactly. */
class GenomeFamilyBytesTest {

    /** Genomes are lists of doubles; JSON is an array of numbers. */
    private static final GenomeFamily<List<Double>> LISTS = new GenomeFamily<>() {
        @Override
        public Breeder<List<Double>> breeder(RandomGenerator rng) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode toJson(List<Double> genome) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            genome.forEach(a::add);
            return a;
        }

        @Override
        public List<Double> fromJson(JsonNode json) {
            if (!json.isArray()) {
                throw new IllegalArgumentException("not an array: " + json);
            }
            List<Double> out = new ArrayList<>();
            json.forEach(v -> out.add(v.asDouble()));
            return out;
        }

        @Override
        public int parameterCount(List<Double> genome) {
            return genome.size();
        }
    };

    @Test
    void defaultBytesAreTheJsonAndRoundTripEveryDoubleExactly() {
        List<Double> g = List.of(0.1, -1.0 / 3.0, Double.MIN_VALUE, 1e300, Math.PI);
        byte[] bytes = LISTS.toBytes(g);
        assertEquals(LISTS.toJson(g).toString(), new String(bytes, StandardCharsets.UTF_8));
        assertEquals(g, LISTS.fromBytes(bytes));
    }

    @Test
    void bytesThatAreNotJsonAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LISTS.fromBytes("[1.0, oops".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, e.getMessage().startsWith("genome bytes are not JSON"), e.getMessage());
    }
}
