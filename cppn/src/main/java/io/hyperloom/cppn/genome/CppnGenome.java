package io.hyperloom.cppn.genome;

import java.util.ArrayList;
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
public record CppnGenome(List<NodeGene> nodes, List<ConnectionGene> connections) {

    public CppnGenome {
        nodes = nodes.stream().sorted(Comparator.comparingInt(NodeGene::id)).toList();
        connections = connections.stream().sorted(Comparator.comparingLong(ConnectionGene::innovation)).toList();
        Map<Integer, NodeGene> byId = new HashMap<>();
        int inputs = 0;
        int outputs = 0;
        for (NodeGene n : nodes) {
            if (byId.put(n.id(), n) != null) {
                throw new IllegalArgumentException("duplicate node id " + n.id());
            }
            inputs += n.type() == NodeGene.Type.INPUT ? 1 : 0;
            outputs += n.type() == NodeGene.Type.OUTPUT ? 1 : 0;
        }
        if (inputs == 0 || outputs == 0) {
            throw new IllegalArgumentException("a genome needs inputs and outputs, got " + inputs + " and " + outputs);
        }
        Set<Long> pairs = new HashSet<>();
        long last = -1;
        for (ConnectionGene c : connections) {
            if (c.innovation() == last) {
                throw new IllegalArgumentException("duplicate innovation " + c.innovation());
            }
            last = c.innovation();
            NodeGene s = byId.get(c.source());
            NodeGene t = byId.get(c.target());
            if (s == null || t == null) {
                throw new IllegalArgumentException("connection " + c.innovation() + " joins missing node "
                        + (s == null ? c.source() : c.target()));
            }
            if (t.isSensor()) {
                throw new IllegalArgumentException("connection " + c.innovation() + " ends in sensor node " + t.id());
            }
            if (!pairs.add(pairKey(c.source(), c.target()))) {
                throw new IllegalArgumentException("two connections " + c.source() + " → " + c.target());
            }
        }
    }

    static long pairKey(int source, int target) {
        return ((long) source << 32) | (target & 0xffffffffL);
    }

    public NodeGene node(int id) {
        for (NodeGene n : nodes) {
            if (n.id() == id) {
                return n;
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
        return (int) connections.stream().filter(ConnectionGene::enabled).count();
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
        Map<Integer, Integer> indegree = new HashMap<>();
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (NodeGene n : nodes) {
            indegree.put(n.id(), 0);
            out.put(n.id(), new ArrayList<>());
        }
        for (ConnectionGene c : connections) {
            if (c.enabled()) {
                indegree.merge(c.target(), 1, Integer::sum);
                out.get(c.source()).add(c.target());
            }
        }
        java.util.TreeSet<Integer> ready = new java.util.TreeSet<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<Integer> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int id = ready.pollFirst();
            order.add(id);
            for (int t : out.get(id)) {
                if (indegree.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        return order.size() == nodes.size() ? order : null;
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

    /** Mutable during one variation; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final Map<Integer, NodeGene> nodes = new java.util.TreeMap<>();
        private final Map<Long, ConnectionGene> connections = new java.util.TreeMap<>();

        private Builder() {
        }

        private Builder(CppnGenome g) {
            g.nodes.forEach(n -> nodes.put(n.id(), n));
            g.connections.forEach(c -> connections.put(c.innovation(), c));
        }

        public Builder node(NodeGene n) {
            nodes.put(n.id(), n);
            return this;
        }

        public Builder connection(ConnectionGene c) {
            connections.put(c.innovation(), c);
            return this;
        }

        public boolean hasNode(int id) {
            return nodes.containsKey(id);
        }

        public boolean hasConnection(int source, int target) {
            return connections.values().stream().anyMatch(c -> c.source() == source && c.target() == target);
        }

        public List<NodeGene> nodes() {
            return List.copyOf(nodes.values());
        }

        public List<ConnectionGene> connections() {
            return List.copyOf(connections.values());
        }

        public CppnGenome build() {
            return new CppnGenome(new ArrayList<>(nodes.values()), new ArrayList<>(connections.values()));
        }
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
