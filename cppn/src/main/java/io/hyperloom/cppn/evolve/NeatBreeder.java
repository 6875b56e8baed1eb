package io.hyperloom.cppn.evolve;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.InnovationRegistry;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.generator.Breeder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * NEAT's variation operators on {@link CppnGenome}s, for one run. Holds the run's
 * {@link InnovationRegistry}; all randomness comes from the generator it was created with. Used from
 * the optimizer's thread only.
 *
 * <p>How a mutation works (as in NEAT C++): with probability add-node one enabled connection is
 * split (1) — by default chosen as NEAT C++ does (never from the bias node, older links first in small
 * genomes, see {@link #addNode}); it is disabled, a hidden node with a random activation from the set takes its place,
 * the incoming connection gets weight 1 and the outgoing one the old weight, so the network computes
 * nearly what it did; else with probability add-link (2) a new connection joins two unconnected
 * nodes, feed-forward unless recurrence is allowed (a candidate that would close a cycle is
 * rejected, 20 tries); else (3) with probability weight-mutation the weights are mutated — by default
 * NEAT C++'s mutate_link_weights ({@code weight-scheme=neat}), else every weight perturbed by a uniform
 * or Gaussian draw (or, per weight with probability 1 − weight-perturb, replaced) — then one connection's
 * enabled flag may flip and one hidden node's activation may change.
 */
public final class NeatBreeder implements Breeder<CppnGenome> {

    private final CppnGenome template;
    private final List<CppnActivation> activations;
    private final NeatParameters p;
    private final RandomGenerator rng;
    private final InnovationRegistry registry;

    /**
     * @param template    the minimal genome's nodes (inputs, optional bias, outputs); its connections are ignored
     * @param activations the set hidden nodes draw from
     */
    public NeatBreeder(CppnGenome template, List<CppnActivation> activations, NeatParameters p, RandomGenerator rng) {
        this.template = Objects.requireNonNull(template, "template");
        this.activations = List.copyOf(activations);
        if (this.activations.isEmpty()) {
            throw new IllegalArgumentException("the activation set is empty");
        }
        this.p = Objects.requireNonNull(p, "parameters");
        this.rng = Objects.requireNonNull(rng, "rng");
        int maxId = template.nodes().stream().mapToInt(NodeGene::id).max().orElse(-1);
        this.registry = new InnovationRegistry(maxId + 1, 0);
    }

    public NeatParameters parameters() {
        return p;
    }

    public InnovationRegistry registry() {
        return registry;
    }

    /** Starts a new generation of historical markings. */
    public void nextGeneration() {
        registry.nextGeneration();
    }

    /**
     * A minimal genome — every sensor connected to every output with N(0, weight-init) weights —
     * grown by {@code initial-hidden} random add-node and add-link mutations when a random initial
     * topology is asked for.
     */
    @Override
    public CppnGenome create() {
        if (p.initialLayer() && p.initialHidden() > 0) {
            return layered();
        }
        CppnGenome g = minimal();
        for (int i = 0; i < p.initialHidden(); i++) {
            CppnGenome grown = addNode(g);
            g = grown == null ? g : grown;
            CppnGenome linked = addLink(g);
            g = linked == null ? g : linked;
        }
        return g;
    }

    /** Node ids of the fixed hidden layer, shared by every genome of the run so crossover aligns. */
    private int[] layer;

    /**
     * Sensors → a fully connected layer of {@code initial-hidden} units → outputs, with no direct
     * sensor–output links: the fixed topology of the paper's no-growth ablation.
     */
    private CppnGenome layered() {
        if (layer == null) {
            layer = new int[p.initialHidden()];
            for (int i = 0; i < layer.length; i++) {
                layer[i] = registry.nextNode();
            }
        }
        CppnGenome.Builder b = new CppnGenome(template.nodes(), List.of()).toBuilder();
        for (int h : layer) {
            b.node(new NodeGene(h, NodeGene.Type.HIDDEN, activations.get(0)));
            for (NodeGene s : template.nodes()) {
                if (s.isSensor()) {
                    b.connection(new ConnectionGene(registry.connection(s.id(), h), s.id(), h, newWeight(), true));
                }
            }
            for (NodeGene o : template.nodesOf(NodeGene.Type.OUTPUT)) {
                b.connection(new ConnectionGene(registry.connection(h, o.id()), h, o.id(), newWeight(), true));
            }
        }
        return b.build();
    }

    private CppnGenome minimal() {
        CppnGenome.Builder b = new CppnGenome(template.nodes(), List.of()).toBuilder();
        for (NodeGene s : template.nodes()) {
            if (!s.isSensor()) {
                continue;
            }
            for (NodeGene o : template.nodesOf(NodeGene.Type.OUTPUT)) {
                b.connection(new ConnectionGene(registry.connection(s.id(), o.id()), s.id(), o.id(), newWeight(), true));
            }
        }
        return b.build();
    }

    @Override
    public CppnGenome mutate(CppnGenome genome) {
        if (rng.nextDouble() < p.addNode()) {
            CppnGenome g = addNode(genome);
            if (g != null) {
                return g;
            }
        }
        if (rng.nextDouble() < p.addLink()) {
            CppnGenome g = addLink(genome);
            if (g != null) {
                return g;
            }
        }
        CppnGenome.Builder b = genome.toBuilder();
        if (rng.nextDouble() < p.weightMutation()) {
            if (p.mechanics().severeWeights()) {
                mutateLinkWeights(genome.connections(), b);
            } else {
                for (ConnectionGene c : genome.connections()) {
                    double w = rng.nextDouble() < p.weightPerturb()
                            ? c.weight() + draw(p.weightPower())
                            : newWeight();
                    b.connection(c.withWeight(clip(w)));
                }
            }
        }
        if (!genome.connections().isEmpty() && rng.nextDouble() < p.toggleEnable()) {
            ConnectionGene c = b.connections().get(rng.nextInt(genome.connections().size()));
            b.connection(c.withEnabled(!c.enabled()));
        }
        List<NodeGene> hidden = genome.nodesOf(NodeGene.Type.HIDDEN);
        if (!hidden.isEmpty() && activations.size() > 1 && rng.nextDouble() < p.activationMutation()) {
            NodeGene n = hidden.get(rng.nextInt(hidden.size()));
            b.node(n.withActivation(randomActivation()));
        }
        return b.build();
    }

    /** The genome with only its weights mutated (as a weight-mutation event of {@link #mutate}). */
    public CppnGenome mutateWeights(CppnGenome genome) {
        CppnGenome.Builder b = genome.toBuilder();
        if (p.mechanics().severeWeights()) {
            mutateLinkWeights(genome.connections(), b);
        } else {
            for (ConnectionGene c : genome.connections()) {
                double w = rng.nextDouble() < p.weightPerturb() ? c.weight() + draw(p.weightPower()) : newWeight();
                b.connection(c.withWeight(clip(w)));
            }
        }
        return b.build();
    }

    /**
     * NEAT C++ 1.2's Genome::mutate_link_weights(power, rate 1, GAUSSIAN), weights in innovation order:
     * (1) the whole event is "severe" with probability ½: per gene, perturb with 70%, replace with 20%,
     * keep with 10%; (2) otherwise, in genomes of at least 10 genes, genes past the first 80% (the
     * youngest, least tested) are perturbed with 50%, replaced with 20%, kept with 30%; (3) every other
     * gene is perturbed. Perturbation and replacement are both a draw of scale weight-power (NEAT C++:
     * uniform ±2.5). One draw per gene for the value and one for the choice, as NEAT C++.
     */
    private void mutateLinkWeights(List<ConnectionGene> genes, CppnGenome.Builder b) {
        boolean severe = rng.nextDouble() > 0.5;
        int total = genes.size();
        double endpart = total * 0.8;
        int num = 0;
        for (ConnectionGene c : genes) {
            double perturbAbove;
            double replaceAbove;
            if (severe) {
                perturbAbove = 0.3;
                replaceAbove = 0.1;
            } else if (total >= 10 && num > endpart) {
                perturbAbove = 0.5;
                replaceAbove = 0.3;
            } else {
                // NEAT C++ draws here whether to allow cold (replacing) mutations; at rate 1 neither case replaces
                rng.nextDouble();
                perturbAbove = 0.0;
                replaceAbove = 0.0;
            }
            double r = draw(p.weightPower());
            double choice = rng.nextDouble();
            double w = c.weight();
            if (choice > perturbAbove) {
                w += r;
            } else if (choice > replaceAbove) {
                w = r;
            }
            b.connection(c.withWeight(clip(w)));
            num++;
        }
    }

    /** Splits an enabled connection (step 1), or null if there is none (or NEAT C++'s choice failed). */
    CppnGenome addNode(CppnGenome genome) {
        ConnectionGene c = switch (p.mechanics().split()) {
            case NEAT -> olderSplitChoice(genome);
            case NO_BIAS -> uniformSplitChoice(genome, true);
            case UNIFORM -> uniformSplitChoice(genome, false);
        };
        if (c == null) {
            return null;
        }
        InnovationRegistry.Split s = registry.split(c.innovation(), c.source(), c.target());
        CppnGenome.Builder b = genome.toBuilder();
        if (b.hasNode(s.node())) {
            s = registry.freshSplit(c.source(), c.target());
        }
        b.connection(c.withEnabled(false));
        b.node(new NodeGene(s.node(), NodeGene.Type.HIDDEN, randomActivation()));
        b.connection(new ConnectionGene(s.in(), c.source(), s.node(), 1.0, true));
        b.connection(new ConnectionGene(s.out(), s.node(), c.target(), c.weight(), true));
        return b.build();
    }

    private ConnectionGene uniformSplitChoice(CppnGenome genome, boolean skipBias) {
        List<ConnectionGene> enabled = genome.connections().stream()
                .filter(c -> c.enabled() && !(skipBias && fromBias(genome, c))).toList();
        return enabled.isEmpty() ? null : enabled.get(rng.nextInt(enabled.size()));
    }

    /**
     * NEAT C++ 1.2's choice in Genome::mutate_add_node: never a link from the bias node (splitting it
     * makes a constant hidden node); in genomes of fewer than 15 genes (1) skip to the first enabled
     * non-bias gene in innovation order, (2) step on while a draw is below 0.3 (or the gene is from
     * the bias), and take that gene if it is enabled — older links are split more often, so the
     * population tends to split the same link and the splits share innovation numbers; in larger
     * genomes 20 uniform tries for an enabled non-bias gene.
     */
    private ConnectionGene olderSplitChoice(CppnGenome genome) {
        List<ConnectionGene> genes = genome.connections();
        int n = genes.size();
        if (n < 15) {
            int i = 0;
            while (i < n && (!genes.get(i).enabled() || fromBias(genome, genes.get(i)))) {
                i++;
            }
            while (i < n && (rng.nextDouble() < 0.3 || fromBias(genome, genes.get(i)))) {
                i++;
            }
            return i < n && genes.get(i).enabled() ? genes.get(i) : null;
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            ConnectionGene c = genes.get(rng.nextInt(n));
            if (c.enabled() && !fromBias(genome, c)) {
                return c;
            }
        }
        return null;
    }

    private static boolean fromBias(CppnGenome genome, ConnectionGene c) {
        return genome.node(c.source()).type() == NodeGene.Type.BIAS;
    }

    /** Adds a connection between two unconnected nodes (step 2), or null after 20 failed tries. */
    CppnGenome addLink(CppnGenome genome) {
        List<NodeGene> nodes = genome.nodes();
        List<NodeGene> targets = nodes.stream().filter(n -> !n.isSensor()).toList();
        CppnGenome.Builder b = genome.toBuilder();
        for (int attempt = 0; attempt < 20; attempt++) {
            NodeGene s = nodes.get(rng.nextInt(nodes.size()));
            NodeGene t = targets.get(rng.nextInt(targets.size()));
            if (b.hasConnection(s.id(), t.id())) {
                continue;
            }
            if (!p.recurrent() && (s.id() == t.id() || genome.reaches(t.id(), s.id()))) {
                continue;
            }
            b.connection(new ConnectionGene(registry.connection(s.id(), t.id()), s.id(), t.id(), newWeight(), true));
            return b.build();
        }
        return null;
    }

    /**
     * Aligns genes by innovation number: matching genes come from either parent at random (and are
     * disabled with probability disable-inherited if either parent disabled them), disjoint and
     * excess genes from {@code fitter}. The child has the fitter parent's topology, so it stays
     * feed-forward when that one is.
     */
    @Override
    public CppnGenome crossover(CppnGenome fitter, CppnGenome other) {
        CppnGenome.Builder b = fitter.toBuilder();
        List<ConnectionGene> theirs = other.connections();
        int j = 0; // both gene lists are sorted by innovation: a linear merge finds the matches
        for (ConnectionGene mine : fitter.connections()) {
            while (j < theirs.size() && theirs.get(j).innovation() < mine.innovation()) {
                j++;
            }
            if (j == theirs.size() || theirs.get(j).innovation() != mine.innovation()) {
                continue;
            }
            ConnectionGene match = theirs.get(j);
            ConnectionGene chosen = rng.nextBoolean() ? mine : match;
            // paper: enabled unless disabled with disable-inherited when either parent's is off (so a gene off in
            // both parents comes back with 1 − disable-inherited); NEAT C++: the chosen parent's flag, then the same
            boolean enabled = p.mechanics().chosenFlag() ? chosen.enabled() : true;
            if (!mine.enabled() || !match.enabled()) {
                enabled = rng.nextDouble() < p.disableInherited() ? false : enabled;
            }
            b.connection(new ConnectionGene(mine.innovation(), mine.source(), mine.target(), chosen.weight(), enabled));
        }
        Map<Integer, NodeGene> theirNodes = new HashMap<>();
        other.nodes().forEach(n -> theirNodes.put(n.id(), n));
        for (NodeGene n : fitter.nodesOf(NodeGene.Type.HIDDEN)) {
            NodeGene t = theirNodes.get(n.id());
            if (t != null && rng.nextBoolean()) {
                b.node(n.withActivation(t.activation()));
            }
        }
        CppnGenome child = b.build();
        // re-enabling a disabled gene may close a cycle in a recurrent-free run; keep the parent's flag then
        return p.recurrent() || child.isFeedForward() ? child : fitter;
    }

    /** The number of connection genes (NEAT C++ prefers the smaller parent on equal fitness). */
    public int geneCount(CppnGenome genome) {
        return genome.connections().size();
    }

    /**
     * δ = c1·E/N + c2·D/N + c3·W̄: E excess and D disjoint genes, W̄ the mean weight difference of
     * matching genes, N the larger genome's gene count (1 when both have at most normalise-above genes).
     */
    @Override
    public double distance(CppnGenome a, CppnGenome b) {
        return distance(a, b, p);
    }

    public static double distance(CppnGenome a, CppnGenome b, NeatParameters p) {
        List<ConnectionGene> x = a.connections();
        List<ConnectionGene> y = b.connections();
        int i = 0;
        int j = 0;
        int disjoint = 0;
        int matching = 0;
        double weightDiff = 0;
        while (i < x.size() && j < y.size()) {
            long u = x.get(i).innovation();
            long v = y.get(j).innovation();
            if (u == v) {
                matching++;
                weightDiff += Math.abs(x.get(i).weight() - y.get(j).weight());
                i++;
                j++;
            } else if (u < v) {
                disjoint++;
                i++;
            } else {
                disjoint++;
                j++;
            }
        }
        int excess = (x.size() - i) + (y.size() - j);
        int larger = Math.max(x.size(), y.size());
        double n = larger <= p.normaliseAbove() ? 1.0 : larger;
        return p.c1() * excess / n + p.c2() * disjoint / n + p.c3() * (matching == 0 ? 0.0 : weightDiff / matching);
    }

    private double newWeight() {
        return clip(draw(p.weightInit()));
    }

    /** A uniform draw on [−scale, scale] (NEAT C++'s randposneg()·randfloat()·power), or N(0, scale²). */
    private double draw(double scale) {
        return p.uniformWeights() ? scale * (2 * rng.nextDouble() - 1) : scale * rng.nextGaussian();
    }

    private double clip(double w) {
        return Math.max(-p.weightCap(), Math.min(p.weightCap(), w));
    }

    private CppnActivation randomActivation() {
        return activations.get(rng.nextInt(activations.size()));
    }
}
