package io.hyperloom.cppn.genome;

import io.hyperloom.search.optimize.Digestible;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CPPN (or a NEAT network): node genes sorted by id and connection genes sorted by innovation
 * number. Immutable; mutation goes through {@link #toBuilder()}.
 *
 * <p>Invariants (checked here): node ids unique; at least one input and one output; innovations
 * unique; every connection joins existing nodes and ends in a hidden or output node; at most one
 * connection per (source, target) pair. Cycles are allowed by the value (recurrent NEAT), and
 * {@link #isFeedForward()} says whether the enabled connections form none.
 *
 * <p>θ of a genome is the weights of its enabled connections in innovation order.
 */
public record CppnGenome(List<NodeGene> nodes, List<ConnectionGene> connections) implements Digestible {

    public CppnGenome {
        nodes = sortedCopy(nodes, NodeGene::id);
        connections = sortedCopy(connections, ConnectionGene::innovation);
        // every check is a linear pass over primitive arrays: a P-NEAT genome on boxes has 14,762 genes
        int[] ids = ids(nodes);
        int inputs = 0;
        int outputs = 0;
        for (int i = 0; i < ids.length; i++) {
            NodeGene n = nodes.get(i);
            if (i > 0 && ids[i] == ids[i - 1]) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
            inputs += n.type() == NodeGene.Type.INPUT ? 1 : 0;
            outputs += n.type() == NodeGene.Type.OUTPUT ? 1 : 0;
        }
        if (inputs == 0 || outputs == 0) {
            throw new IllegalArgumentException("a genome needs inputs and outputs, got " + inputs + " and " + outputs);
        }
        NodeIndex index = new NodeIndex(ids);
        // (source, target) pairs seen: a bitmap over node positions when it is small, else a hash set
        long cells = (long) ids.length * ids.length;
        long[] seen = cells <= (1L << 22) ? new long[(int) ((cells + 63) >>> 6)] : null;
        LongSet pairs = seen == null ? new LongSet(connections.size()) : null;
        long last = -1;
        for (ConnectionGene c : connections) {
            if (c.innovation() == last) {
                throw new IllegalArgumentException("duplicate innovation " + c.innovation());
            }
            last = c.innovation();
            int s = index.of(c.source());
            int t = index.of(c.target());
            if (s < 0 || t < 0) {
                throw new IllegalArgumentException("connection " + c.innovation() + " joins missing node "
                        + (s < 0 ? c.source() : c.target()));
            }
            if (nodes.get(t).isSensor()) {
                throw new IllegalArgumentException("connection " + c.innovation() + " ends in sensor node " + c.target());
            }
            boolean fresh;
            if (seen != null) {
                long bit = (long) s * ids.length + t;
                long mask = 1L << bit; // shifts by bit mod 64
                fresh = (seen[(int) (bit >>> 6)] & mask) == 0;
                seen[(int) (bit >>> 6)] |= mask;
            } else {
                fresh = pairs.add(pairKey(c.source(), c.target()));
            }
            if (!fresh) {
                throw new IllegalArgumentException("two connections " + c.source() + " → " + c.target());
            }
        }
    }

    /** {@code list} sorted stably by {@code key}, unmodifiable; no sort (and no copy if already unmodifiable) when it is sorted. */
    private static <T> List<T> sortedCopy(List<T> list, java.util.function.ToLongFunction<T> key) {
        long previous = Long.MIN_VALUE;
        for (T t : list) {
            long k = key.applyAsLong(t);
            if (k < previous) {
                List<T> sorted = new ArrayList<>(list);
                sorted.sort(Comparator.comparingLong(key));
                return List.copyOf(sorted);
            }
            previous = k;
        }
        return List.copyOf(list);
    }

    private static int[] ids(List<NodeGene> nodes) {
        int[] ids = new int[nodes.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nodes.get(i).id();
        }
        return ids;
    }

    /**
     * Position of a node id among sorted, unique ids: a direct table when the ids are dense enough,
     * else a binary search. −1 for a missing id.
     */
    private static final class NodeIndex {
        private final int[] ids;
        private final int[] table;

        NodeIndex(int[] ids) {
            this.ids = ids;
            int max = ids.length == 0 ? -1 : ids[ids.length - 1];
            if (max < 8 * ids.length + 1024) {
                table = new int[max + 1];
                Arrays.fill(table, -1);
                for (int i = 0; i < ids.length; i++) {
                    table[ids[i]] = i;
                }
            } else {
                table = null;
            }
        }

        int of(int id) {
            if (table != null) {
                return id >= 0 && id < table.length ? table[id] : -1;
            }
            int i = Arrays.binarySearch(ids, id);
            return i >= 0 ? i : -1;
        }
    }

    /** A set of non-negative longs by open addressing (−1 marks a free slot): no boxing. */
    private static final class LongSet {
        private final long[] slots;
        private final int mask;

        LongSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            slots = new long[capacity];
            Arrays.fill(slots, -1L);
            mask = capacity - 1;
        }

        /** Adds {@code key} (>= 0); false if it was there. */
        boolean add(long key) {
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (slots[i] != -1L) {
                if (slots[i] == key) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            slots[i] = key;
            return true;
        }
    }

    static long pairKey(int source, int target) {
        return ((long) source << 32) | (target & 0xffffffffL);
    }

    public NodeGene node(int id) {
        // nodes are sorted by unique id
        int lo = 0;
        int hi = nodes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = nodes.get(mid).id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return nodes.get(mid);
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }

    public List<NodeGene> nodesOf(NodeGene.Type type) {
        return nodes.stream().filter(n -> n.type() == type).toList();
    }

    public int inputCount() {
        return nodesOf(NodeGene.Type.INPUT).size();
    }

    public int outputCount() {
        return nodesOf(NodeGene.Type.OUTPUT).size();
    }

    public boolean hasBias() {
        return nodes.stream().anyMatch(n -> n.type() == NodeGene.Type.BIAS);
    }

    public int enabledCount() {
        int n = 0;
        for (ConnectionGene c : connections) {
            n += c.enabled() ? 1 : 0;
        }
        return n;
    }

    /** The weights of the enabled connections in innovation order (a fresh array). */
    public double[] theta() {
        double[] t = new double[enabledCount()];
        int k = 0;
        for (ConnectionGene c : connections) {
            if (c.enabled()) {
                t[k++] = c.weight();
            }
        }
        return t;
    }

    /** This genome with its enabled weights replaced by {@code theta} (innovation order). */
    public CppnGenome withTheta(double[] theta) {
        if (theta.length != enabledCount()) {
            throw new IllegalArgumentException("θ has " + theta.length + " values, the genome " + enabledCount()
                    + " enabled connections");
        }
        List<ConnectionGene> out = new ArrayList<>(connections.size());
        int k = 0;
        for (ConnectionGene c : connections) {
            out.add(c.enabled() ? c.withWeight(theta[k++]) : c);
        }
        return new CppnGenome(nodes, out);
    }

    /** Whether the enabled connections form no cycle. */
    public boolean isFeedForward() {
        return topologicalOrder() != null;
    }

    /**
     * Node ids in an order where every enabled connection goes forward (Kahn's algorithm, ties by
     * id), or null if the enabled connections have a cycle.
     */
    public List<Integer> topologicalOrder() {
        // how it works: (1) node ids → positions (nodes are sorted by id, so a smaller position is a
        // smaller id); (2) the enabled connections as out-lists per source position, in innovation
        // order, and in-degrees; (3) Kahn's algorithm with a binary min-heap of ready positions, so
        // the smallest ready id always comes next — the order a sorted set of ready ids gives
        int v = nodes.size();
        NodeIndex index = new NodeIndex(ids(nodes));
        int[] indegree = new int[v];
        int[] start = new int[v + 1];
        int enabled = 0;
        for (ConnectionGene c : connections) {
            if (c.enabled()) {
                start[index.of(c.source()) + 1]++;
                indegree[index.of(c.target())]++;
                enabled++;
            }
        }
        for (int i = 0; i < v; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, v);
        int[] out = new int[enabled];
        for (ConnectionGene c : connections) {
            if (c.enabled()) {
                out[fill[index.of(c.source())]++] = index.of(c.target());
            }
        }
        int[] heap = new int[v];
        int size = 0;
        for (int i = 0; i < v; i++) {
            if (indegree[i] == 0) {
                heap[size++] = i; // ascending: already a heap
            }
        }
        List<Integer> order = new ArrayList<>(v);
        while (size > 0) {
            int n = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, 0);
            order.add(nodes.get(n).id());
            for (int e = start[n]; e < start[n + 1]; e++) {
                if (--indegree[out[e]] == 0) {
                    int i = size++;
                    heap[i] = out[e];
                    while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
                        int parent = (i - 1) / 2;
                        int tmp = heap[parent];
                        heap[parent] = heap[i];
                        heap[i] = tmp;
                        i = parent;
                    }
                }
            }
        }
        return order.size() == v ? order : null;
    }

    private static void siftDown(int[] heap, int size, int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
            if (heap[i] <= heap[m]) {
                return;
            }
            int tmp = heap[i];
            heap[i] = heap[m];
            heap[m] = tmp;
            i = m;
        }
    }

    /** Whether {@code to} is reachable from {@code from} over connections (enabled or not). */
    public boolean reaches(int from, int to) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (ConnectionGene c : connections) {
            out.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c.target());
        }
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        stack.push(from);
        while (!stack.isEmpty()) {
            int n = stack.pop();
            if (n == to) {
                return true;
            }
            if (seen.add(n)) {
                for (int t : out.getOrDefault(n, List.of())) {
                    stack.push(t);
                }
            }
        }
        return false;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A minimal genome: {@code inputs} inputs (ids 0..), an optional bias, {@code outputs} outputs,
     * and no connections.
     */
    public static Builder minimal(int inputs, boolean bias, int outputs, CppnActivation outputActivation) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("inputs and outputs must be >= 1, got " + inputs + " and " + outputs);
        }
        Builder b = new Builder();
        int id = 0;
        for (int i = 0; i < inputs; i++) {
            b.nodes.put(id, new NodeGene(id++, NodeGene.Type.INPUT, CppnActivation.IDENTITY));
        }
        if (bias) {
            b.nodes.put(id, new NodeGene(id++, NodeGene.Type.BIAS, CppnActivation.IDENTITY));
        }
        for (int i = 0; i < outputs; i++) {
            b.nodes.put(id, new NodeGene(id++, NodeGene.Type.OUTPUT, outputActivation));
        }
        return b;
    }

    /**
     * Mutable during one variation; {@link #build()} validates. Not thread-safe. Connections are kept
     * in innovation order in a list; a put right after the previous one's position (a pass over the
     * genes in order) or past the end costs O(1), any other a binary search.
     */
    public static final class Builder {
        private final Map<Integer, NodeGene> nodes = new java.util.TreeMap<>();
        private final ArrayList<ConnectionGene> connections;
        private int cursor;

        private Builder() {
            connections = new ArrayList<>();
        }

        private Builder(CppnGenome g) {
            g.nodes.forEach(n -> nodes.put(n.id(), n));
            connections = new ArrayList<>(g.connections);
        }

        public Builder node(NodeGene n) {
            nodes.put(n.id(), n);
            return this;
        }

        /** Adds {@code c}, or replaces the connection with its innovation number. */
        public Builder connection(ConnectionGene c) {
            long key = c.innovation();
            int n = connections.size();
            if (cursor < n && connections.get(cursor).innovation() == key) {
                connections.set(cursor++, c);
                return this;
            }
            if (n == 0 || connections.get(n - 1).innovation() < key) {
                connections.add(c);
                cursor = n + 1;
                return this;
            }
            int lo = 0;
            int hi = n - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long m = connections.get(mid).innovation();
                if (m < key) {
                    lo = mid + 1;
                } else if (m > key) {
                    hi = mid - 1;
                } else {
                    connections.set(mid, c);
                    cursor = mid + 1;
                    return this;
                }
            }
            connections.add(lo, c);
            cursor = lo + 1;
            return this;
        }

        public boolean hasNode(int id) {
            return nodes.containsKey(id);
        }

        public boolean hasConnection(int source, int target) {
            for (ConnectionGene c : connections) {
                if (c.source() == source && c.target() == target) {
                    return true;
                }
            }
            return false;
        }

        public List<NodeGene> nodes() {
            return List.copyOf(nodes.values());
        }

        public List<ConnectionGene> connections() {
            return List.copyOf(connections);
        }

        public CppnGenome build() {
            return new CppnGenome(new ArrayList<>(nodes.values()), connections);
        }
    }

    /** Node ids, types and activations (by name), then every connection field, weights by their bits. */
    @Override
    public long digest() {
        long h = 0x9E3779B97F4A7C15L;
        for (NodeGene n : nodes) {
            h = h * 31 + n.id();
            h = h * 31 + n.type().ordinal();
            h = h * 31 + n.activation().name().hashCode();
        }
        for (ConnectionGene c : connections) {
            h = h * 31 + c.innovation();
            h = h * 31 + c.source();
            h = h * 31 + c.target();
            h = h * 31 + Double.doubleToLongBits(c.weight());
            h = h * 31 + (c.enabled() ? 1 : 2);
            h = Long.rotateLeft(h, 7);
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CppnGenome g && nodes.equals(g.nodes) && connections.equals(g.connections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, connections);
    }
}
