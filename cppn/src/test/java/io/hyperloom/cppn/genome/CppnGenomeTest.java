package io.hyperloom.cppn.genome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.search.optimize.Seeds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CppnGenomeTest {

    static final CppnGenome TEMPLATE = CppnGenome.minimal(2, true, 1, CppnActivation.SIGMOID).build();

    static NodeGene hidden(int id) {
        return new NodeGene(id, NodeGene.Type.HIDDEN, CppnActivation.SIGMOID);
    }

    @Test
    void rejectsBrokenGenomes() {
        List<NodeGene> nodes = TEMPLATE.nodes();
        assertThrows(IllegalArgumentException.class, () -> new CppnGenome(nodes,
                List.of(new ConnectionGene(0, 0, 3, 1, true), new ConnectionGene(0, 1, 3, 1, true))), "duplicate innovation");
        assertThrows(IllegalArgumentException.class, () -> new CppnGenome(nodes,
                List.of(new ConnectionGene(0, 3, 0, 1, true))), "into an input");
        assertThrows(IllegalArgumentException.class, () -> new CppnGenome(nodes,
                List.of(new ConnectionGene(0, 0, 9, 1, true))), "missing node");
        assertThrows(IllegalArgumentException.class, () -> new CppnGenome(nodes,
                List.of(new ConnectionGene(0, 0, 3, 1, true), new ConnectionGene(1, 0, 3, 1, true))), "parallel connections");
        assertThrows(IllegalArgumentException.class, () -> new ConnectionGene(0, 0, 3, Double.NaN, true));
    }

    @Test
    void thetaIsEnabledWeightsInInnovationOrder() {
        CppnGenome g = new CppnGenome(TEMPLATE.nodes(), List.of(new ConnectionGene(5, 1, 3, 0.5, true),
                new ConnectionGene(2, 0, 3, -1.5, true), new ConnectionGene(7, 2, 3, 9, false)));
        assertArrayEquals(new double[] {-1.5, 0.5}, g.theta(), 0.0);
        CppnGenome h = g.withTheta(new double[] {1, 2});
        assertArrayEquals(new double[] {1, 2}, h.theta(), 0.0);
        assertEquals(9.0, h.connections().get(2).weight());
    }

    @Test
    void mutationKeepsInvariantsAndFeedForward() {
        NeatParameters p = NeatParameters.DEFAULTS;
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.SIGMOID, CppnActivation.SINE), p, Seeds.random(3));
        CppnGenome g = b.create();
        assertEquals(3, g.connections().size());
        for (int i = 0; i < 300; i++) {
            g = b.mutate(g);
            assertTrue(g.isFeedForward());
        }
        assertTrue(g.connections().size() > 3, "300 mutations added no connection");
    }

    @Test
    void sameStructuralMutationInOneGenerationSharesInnovations() {
        InnovationRegistry r = new InnovationRegistry(10, 100);
        assertEquals(r.connection(0, 3), r.connection(0, 3));
        InnovationRegistry.Split a = r.split(100, 0, 3);
        assertEquals(a, r.split(100, 0, 3));
        r.nextGeneration();
        assertTrue(r.split(100, 0, 3).node() != a.node(), "a new generation gets new ids");
    }

    @Test
    void jsonRoundTrip() throws Exception {
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.values()), NeatParameters.DEFAULTS, Seeds.random(4));
        CppnGenome g = b.create();
        for (int i = 0; i < 200; i++) {
            g = b.mutate(g);
        }
        String text = new ObjectMapper().writeValueAsString(CppnJson.toJson(g));
        assertEquals(g, CppnJson.fromJson(new ObjectMapper().readTree(text)));
        assertThrows(IllegalArgumentException.class, () -> CppnJson.fromJson(new ObjectMapper().readTree("{\"nodes\":1}")));
    }

    @Test
    void binaryFormRoundTripsExactlyAndRejectsDamagedBytes() {
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.values()), NeatParameters.DEFAULTS, Seeds.random(5));
        CppnGenome g = b.create();
        for (int i = 0; i < 200; i++) {
            g = b.mutate(g);
        }
        byte[] bytes = CppnBinary.toBytes(g);
        assertEquals(g, CppnBinary.fromBytes(bytes));
        assertTrue(bytes.length * 2 < new ObjectMapper().valueToTree(CppnJson.toJson(g)).toString().length(),
                "binary form is less than half the JSON");
        assertThrows(IllegalArgumentException.class, () -> CppnBinary.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)));
        assertThrows(IllegalArgumentException.class, () -> CppnBinary.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
        byte[] wrongFormat = bytes.clone();
        wrongFormat[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> CppnBinary.fromBytes(wrongFormat));
        byte[] badActivation = bytes.clone();
        badActivation[1 + 4 + 4 + 1] = 127; // the first node's activation ordinal
        assertThrows(IllegalArgumentException.class, () -> CppnBinary.fromBytes(badActivation));
    }

    /**
     * fitter: genes 1, 2, 4(disabled), 6; other: 1, 2, 3, 5, 7. Matching 1, 2; disjoint in the
     * fitter 4, 6 (kept), in the other 3, 5 (dropped); excess 7 (dropped).
     */
    @Test
    void crossoverAlignsByInnovation() {
        List<NodeGene> nodes = new java.util.ArrayList<>(TEMPLATE.nodes());
        nodes.add(hidden(4));
        CppnGenome fitter = new CppnGenome(nodes, List.of(new ConnectionGene(1, 0, 3, 1.0, true),
                new ConnectionGene(2, 1, 3, 1.0, true), new ConnectionGene(4, 0, 4, 1.0, false),
                new ConnectionGene(6, 4, 3, 1.0, true)));
        CppnGenome other = new CppnGenome(nodes, List.of(new ConnectionGene(1, 0, 3, 2.0, true),
                new ConnectionGene(2, 1, 3, 2.0, true), new ConnectionGene(3, 2, 3, 2.0, true),
                new ConnectionGene(5, 2, 4, 2.0, true), new ConnectionGene(7, 1, 4, 2.0, true)));
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.SIGMOID), NeatParameters.DEFAULTS, Seeds.random(5));
        boolean sawMine = false;
        boolean sawTheirs = false;
        for (int i = 0; i < 50; i++) {
            CppnGenome child = b.crossover(fitter, other);
            assertEquals(List.of(1L, 2L, 4L, 6L), child.connections().stream().map(ConnectionGene::innovation).toList());
            assertEquals(1.0, child.connections().get(3).weight(), "disjoint genes come from the fitter parent");
            double w = child.connections().get(0).weight();
            assertTrue(w == 1.0 || w == 2.0);
            sawMine |= w == 1.0;
            sawTheirs |= w == 2.0;
        }
        assertTrue(sawMine && sawTheirs, "matching genes are inherited from either parent");
    }

    /** δ = c1·E/N + c2·D/N + c3·W̄ with N = 1 for small genomes. */
    @Test
    void compatibilityDistanceFormula() {
        List<NodeGene> nodes = new java.util.ArrayList<>(TEMPLATE.nodes());
        nodes.add(hidden(4));
        CppnGenome a = new CppnGenome(nodes, List.of(new ConnectionGene(1, 0, 3, 1.0, true),
                new ConnectionGene(2, 1, 3, 0.0, true), new ConnectionGene(4, 0, 4, 1.0, true)));
        CppnGenome b = new CppnGenome(nodes, List.of(new ConnectionGene(1, 0, 3, 3.0, true),
                new ConnectionGene(2, 1, 3, 1.0, true), new ConnectionGene(3, 2, 3, 0.0, true),
                new ConnectionGene(5, 2, 4, 0.0, true), new ConnectionGene(6, 4, 3, 0.0, true)));
        // matching 1, 2 (|Δw| 2 and 1, mean 1.5); disjoint 3, 4; excess 5, 6
        NeatParameters p = NeatParameters.DEFAULTS;
        assertEquals(1.0 * 2 + 1.0 * 2 + 0.4 * 1.5, NeatBreeder.distance(a, b, p), 1e-12);
        assertEquals(NeatBreeder.distance(a, b, p), NeatBreeder.distance(b, a, p), 1e-12);
        assertEquals(0.0, NeatBreeder.distance(a, a, p));
        assertFalse(NeatBreeder.distance(a, b, p) < p.threshold());
    }
}
