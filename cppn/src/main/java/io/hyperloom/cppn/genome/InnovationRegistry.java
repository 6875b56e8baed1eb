package io.hyperloom.cppn.genome;

import java.util.HashMap;
import java.util.Map;

/**
 * Run-scoped historical markings: hands out innovation numbers for new connections and ids for
 * new nodes, so that the same structural mutation made twice in one generation gets the same
 * numbers (Stanley &amp; Miikkulainen 2002, §3.2). Created per run and passed in; no static state.
 * Not thread-safe: breeding runs on the optimizer's thread.
 */
public final class InnovationRegistry {

    /** The ids an add-node mutation splitting one connection receives. */
    public record Split(int node, long in, long out) {
    }

    private long nextInnovation;
    private int nextNode;
    private final Map<Long, Long> connections = new HashMap<>();
    private final Map<Long, Split> splits = new HashMap<>();

    /**
     * @param nextNode       the first id free for hidden nodes
     * @param nextInnovation the first free innovation number
     */
    public InnovationRegistry(int nextNode, long nextInnovation) {
        this.nextNode = nextNode;
        this.nextInnovation = nextInnovation;
    }

    /** The innovation number of a connection {@code source → target} this generation. */
    public long connection(int source, int target) {
        return connections.computeIfAbsent(key(source, target), k -> nextInnovation++);
    }

    /**
     * The node and connection ids for splitting connection {@code innovation} this generation.
     * A genome that already holds the returned node (it split the same connection before, and the
     * old connection was re-enabled) gets fresh ids instead, via {@link #freshSplit}.
     */
    public Split split(long innovation, int source, int target) {
        return splits.computeIfAbsent(innovation, k -> freshSplit(source, target));
    }

    /** New ids, not shared with any other mutation. */
    public Split freshSplit(int source, int target) {
        int node = nextNode++;
        long in = nextInnovation++;
        long out = nextInnovation++;
        connections.put(key(source, node), in);
        connections.put(key(node, target), out);
        return new Split(node, in, out);
    }

    /**
     * The map key of a pair: the packed pair times an odd constant, a bijection, so distinct pairs stay
     * distinct while Long.hashCode no longer folds them to source ⊕ target (which put the 14,762 links
     * of a 121→121 genome into a few hundred buckets).
     */
    private static long key(int source, int target) {
        return CppnGenome.pairKey(source, target) * 0x9E3779B97F4A7C15L;
    }

    /** Forgets this generation's mutations; the counters go on. */
    public void nextGeneration() {
        connections.clear();
        splits.clear();
    }

    public long nextInnovation() {
        return nextInnovation;
    }

    public int nextNode() {
        return nextNode;
    }
}
