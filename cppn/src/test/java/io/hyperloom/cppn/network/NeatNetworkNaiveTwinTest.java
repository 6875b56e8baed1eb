package io.hyperloom.cppn.network;

import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.option.Options;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast paths of issue 7's P-NEAT speed-up against their naive twins, bit for bit: the
 * batch-major {@link NeatNetwork} against {@link NaiveNeatNetwork}, the heap-based topological order
 * against a sorted-set Kahn, and the list-backed genome builder against a map by innovation.
 */
class NeatNetworkNaiveTwinTest {

    private static final CppnGenome TEMPLATE = CppnGenome.minimal(3, true, 2, CppnActivation.SIGMOID).build();

    private static List<CppnGenome> grownGenomes(boolean recurrent, long seed) {
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(), Map.of(
                "add-node", "0.3", "add-link", "0.6", "toggle-enable", "0.2", "activation-mutation", "0.5",
                "recurrent", String.valueOf(recurrent))));
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.SIGMOID, CppnActivation.TANH,
                CppnActivation.SINE, CppnActivation.GAUSSIAN), p, new SplittableRandom(seed));
        List<CppnGenome> out = new ArrayList<>();
        CppnGenome g = b.create();
        CppnGenome other = b.create();
        for (int i = 0; i < 60; i++) {
            g = b.mutate(g);
            other = b.mutate(other);
            if (i % 10 == 9) {
                out.add(g);
                out.add(b.crossover(g, other));
            }
        }
        return out;
    }

    @Test
    void networkMatchesItsNaiveTwinBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        int checked = 0;
        boolean sawRecurrent = false;
        for (boolean recurrent : new boolean[] {false, true}) {
            for (CppnGenome g : grownGenomes(recurrent, recurrent ? 5 : 4)) {
                NeatNetwork fast = new NeatNetwork(g, 6);
                NaiveNeatNetwork naive = new NaiveNeatNetwork(g, 6);
                assertEquals(naive.isRecurrent(), fast.isRecurrent());
                sawRecurrent |= fast.isRecurrent();
                for (int batch : new int[] {6, 2, 6, 1, 5}) {
                    double[] in = new double[batch * 3];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = rng.nextDouble(-2, 2);
                    }
                    double[] a = fast.forward(in, batch, new double[batch * 2]);
                    double[] e = naive.forward(in, batch, new double[batch * 2]);
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), "output " + i + " of " + g);
                    }
                    checked++;
                }
                fast.resetState();
                naive.resetState();
                double[] in = {0.5, -1, 2};
                assertEquals(naive.forward(in, 1, new double[2])[1], fast.forward(in, 1, new double[2])[1]);
            }
        }
        assertTrue(sawRecurrent, "no recurrent genome among the grown ones");
        assertTrue(checked > 50);
    }

    @Test
    void perceptronOfBoxesSizeMatchesItsNaiveTwin() {
        NeatNetworkFamily family = new NeatNetworkFamily(121, 121, List.of(CppnActivation.SIGMOID), CppnActivation.SIGMOID);
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(),
                Map.of("add-node", "0", "add-link", "0")));
        CppnGenome g = family.breeder(new SplittableRandom(3), p).create();
        assertEquals(122 * 121, g.connections().size());
        NeatNetwork fast = new NeatNetwork(g, 7);
        NaiveNeatNetwork naive = new NaiveNeatNetwork(g, 7);
        SplittableRandom rng = new SplittableRandom(2);
        double[] in = new double[7 * 121];
        for (int i = 0; i < in.length; i++) {
            in[i] = rng.nextInt(2);
        }
        double[] a = fast.forward(in, 7, new double[7 * 121]);
        double[] e = naive.forward(in, 7, new double[7 * 121]);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), "output " + i);
        }
    }

    @Test
    void topologicalOrderMatchesASortedSetKahn() {
        for (boolean recurrent : new boolean[] {false, true}) {
            for (CppnGenome g : grownGenomes(recurrent, 9)) {
                assertEquals(naiveOrder(g), g.topologicalOrder(), g.toString());
            }
        }
    }

    @Test
    void builderKeepsConnectionsByInnovationAsAMapWould() {
        SplittableRandom rng = new SplittableRandom(8);
        int nodes = 30;
        CppnGenome.Builder b = CppnGenome.minimal(4, true, 25, CppnActivation.SIGMOID);
        TreeMap<Long, ConnectionGene> twin = new TreeMap<>();
        Map<Long, long[]> pairOf = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            long innovation = rng.nextInt(120);
            // a fixed (source, target) per innovation so the genome stays valid
            long[] st = pairOf.computeIfAbsent(innovation, k -> new long[] {k % 5, 5 + k / 5 % 25});
            ConnectionGene c = new ConnectionGene(innovation, (int) st[0], (int) st[1], rng.nextDouble(), rng.nextBoolean());
            b.connection(c);
            twin.put(innovation, c);
            if (i % 37 == 0) {
                assertEquals(new ArrayList<>(twin.values()), b.connections());
            }
        }
        assertEquals(new ArrayList<>(twin.values()), b.build().connections());
        assertEquals(nodes, b.build().nodes().size());
    }

    /** Kahn's algorithm with a sorted set of ready ids (the code before issue 7's speed-up). */
    private static List<Integer> naiveOrder(CppnGenome g) {
        Map<Integer, Integer> indegree = new HashMap<>();
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (NodeGene n : g.nodes()) {
            indegree.put(n.id(), 0);
            out.put(n.id(), new ArrayList<>());
        }
        for (ConnectionGene c : g.connections()) {
            if (c.enabled()) {
                indegree.merge(c.target(), 1, Integer::sum);
                out.get(c.source()).add(c.target());
            }
        }
        TreeSet<Integer> ready = new TreeSet<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<Integer> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int id = ready.pollFirst();
            order.add(id);
            for (int t : out.get(id)) {
                if (indegree.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        return order.size() == g.nodes().size() ? order : null;
    }
}
