package io.hyperloom.search.optimize;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A task and a weight-generating family joined: genome → θ → W → score. The fitness function
 * optimizers hand to their {@link Evaluator}. ({@link NetworkFamily} genomes are scored by their
 * own networks instead: {@link NetworkProblem}.)
 *
 * <p>Each thread gets its own network and weight buffer (per-thread scratch); nothing else is
 * mutable, so evaluations are pure. Weights that are not finite score the task's worst fitness
 * without running the network.
 *
 * @param <G> the genome: {@code double[]} θ for parametric families
 */
public final class Problem<G> implements FitnessFunction<G> {

    /** A genome decoded: the generator that maps its θ, and that θ. */
    public record Phenotype(WeightGenerator generator, double[] theta) {
    }

    private final Task task;
    private final GeneratorFamily family;
    private final ParameterLayout layout;
    private final Function<G, Phenotype> decoder;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final TargetNetwork net;
        final double[] weights;
        /** For a {@link DynamicWeightGenerator}: its network, made on first use. */
        DynamicWeightGenerator.Bound dynamic;

        Scratch(Task task, int weightCount) {
            net = task.newNetwork();
            weights = new double[weightCount];
            net.bind(weights);
        }
    }

    private Problem(Task task, GeneratorFamily family, ParameterLayout layout, Function<G, Phenotype> decoder) {
        this.task = Objects.requireNonNull(task, "task");
        this.family = Objects.requireNonNull(family, "family");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.decoder = decoder;
        if (!layout.equals(task.architecture().layout())) {
            throw new IllegalArgumentException("the generator fills a layout of " + layout.weightCount()
                    + " weights that is not the task network's (" + task.architecture().layout().weightCount() + ")");
        }
        int w = layout.weightCount();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(task, w));
    }

    public static Problem<double[]> parametric(Task task, ParametricFamily family) {
        WeightGenerator g = family.generator();
        return new Problem<>(task, family, family.layout(), theta -> new Phenotype(g, theta));
    }

    public static <G> Problem<G> evolvable(Task task, EvolvableFamily<G> family) {
        return new Problem<>(task, family, family.layout(), genome -> {
            EvolvableFamily.Decoded d = family.decode(genome);
            return new Phenotype(d.generator(), d.theta());
        });
    }

    public Task task() {
        return task;
    }

    public GeneratorFamily family() {
        return family;
    }

    public Phenotype decode(G genome) {
        return decoder.apply(genome);
    }

    @Override
    public Score evaluate(G genome, long seed) {
        Scratch s = scratch.get();
        Phenotype p = decoder.apply(genome);
        p.generator().generate(p.theta(), s.weights);
        if (!allFinite(s.weights) || (p.generator() instanceof DynamicWeightGenerator && !allFinite(p.theta()))) {
            return failureScore();
        }
        Network net = network(s, p);
        net.resetState();
        return task.evaluate(net, seed);
    }

    /** The final record's metrics of a genome (held-out tests included). */
    public Map<String, Double> finalMetrics(G genome) {
        Scratch s = scratch.get();
        Phenotype p = decoder.apply(genome);
        p.generator().generate(p.theta(), s.weights);
        Network net = network(s, p);
        net.resetState();
        return task.finalMetrics(net);
    }

    /**
     * A new network running a genome, for inspection and sampling: a target network bound to a copy
     * of its weights, or for a {@link DynamicWeightGenerator} its own network bound to a copy of θ.
     */
    public Network newNetwork(G genome) {
        Phenotype p = decoder.apply(genome);
        if (p.generator() instanceof DynamicWeightGenerator d) {
            return d.newNetwork(task.architecture(), task.evaluationBatch(), 1).bind(p.theta().clone());
        }
        return task.newNetwork().bind(p.generator().generate(p.theta(), new double[layout.weightCount()]));
    }

    /** The scratch target network (bound to the generated weights), or a dynamic generator's network bound to θ. */
    private Network network(Scratch s, Phenotype p) {
        if (p.generator() instanceof DynamicWeightGenerator d) {
            if (s.dynamic == null) {
                s.dynamic = d.newNetwork(task.architecture(), task.evaluationBatch(), 1);
            }
            return s.dynamic.bind(p.theta());
        }
        return s.net;
    }

    /** The weights a genome generates (a fresh array). */
    public double[] weights(G genome) {
        Phenotype p = decoder.apply(genome);
        return p.generator().generate(p.theta(), new double[layout.weightCount()]);
    }

    @Override
    public Score failureScore() {
        return new Score(task.worstFitness(), Map.of(), task.hasSuccessCriterion() ? Boolean.FALSE : null);
    }

    static boolean allFinite(double[] w) {
        for (double v : w) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
