package io.hyperloom.search.task.pole;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code double-pole-nv}: double pole balancing without velocity inputs (x/4.8, θ₁/0.52, θ₂/0.52),
 * a recurrent network, and Gruau, Whitley &amp; Pyeatt's (1996) damping fitness.
 *
 * <p>How it works.
 * <ol>
 *   <li>Fitness: one 1,000-action episode from θ₁ = {@code startAngle}, the rest 0. With t the
 *       balanced actions, f = 0.1·t/1000, plus 0.9·0.75/J when t &gt; 100, where
 *       J = Σ (|x| + |ẋ| + |θ₁| + |θ̇₁|) over the last 100 balanced actions (t − 99 .. t), in raw
 *       units (m, m/s, rad, rad/s), not averaged — the NEAT source's reading of Gruau's formula.
 *       J is floored at {@link Double#MIN_NORMAL} so a perfectly still cart scores a finite
 *       fitness.</li>
 *   <li>Solution test, run inside {@link #evaluate} only when the fitness episode balanced all
 *       1,000 actions (not counted as evaluations): a 100,000-action episode from the same start;
 *       if it balances throughout, the generalisation test: 625 starts, x, ẋ, θ₁, θ̇₁ each
 *       (2v − 1)·{2.16 m, 1.35 m/s, 3.6°, 8.6°/s} for v in {0.05, 0.25, 0.5, 0.75, 0.95}, θ₂ = θ̇₂ = 0,
 *       1,000 actions each. Solved when at least 200 starts stay up for all 1,000.</li>
 *   <li>The network's recurrent state is reset at the start of every episode.</li>
 * </ol>
 * Metrics: {@code steps} (t of the fitness episode), {@code long_steps} and
 * {@code generalization} when the solution test ran; {@link #finalMetrics} always includes
 * {@code generalization}.
 *
 * <p>Target network ({@link Topology}), by default {@link Topology#FULLY_RECURRENT} as in the
 * literature's figures for this task (Gruau, Whitley &amp; Pyeatt 1996; Igel 2003; Gomez,
 * Schmidhuber &amp; Miikkulainen 2008): {@code hidden} hidden neurons (3, as Igel 2003) and the
 * output neuron, each seeing all inputs, its bias and the previous activations of all neurons,
 * the output's included. It is one {@link Layer.Recurrent} of {@code hidden + 1} tanh units,
 * {@code h_t = tanh(W·x_t + U·h_{t−1} + b)}; the last unit is the output neuron, read as
 * o = (1 + y)/2 = σ(2a), so the force (o − 0.5)·20 N is 10·y N (Igel's tanh output times 10 N).
 * Why tanh and this read-out rather than a logistic output unit: the family is the same. A
 * logistic output o = σ(a′) feeding o back is this tanh unit with a′ = 2a (weights into it
 * doubled) and o = (1 + y)/2 (weights out of it halved, the receivers' biases shifted), apart from
 * the zero initial state; the same holds for logistic hidden units (ESP, CoSyNE). So no new layer
 * type is needed, and zero-centred units suit searches that start near zero weights. Biases: every neuron has its own
 * bias, which is what the literature's constant 0.5 input gives ({@code bias-input} adds that
 * input on top). {@link Topology#ELMAN} is the earlier target: inputs → Elman tanh layer of
 * {@code hidden} units → a dense logistic-sigmoid output, with no input→output connections and no
 * feedback from the output. Deterministic; immutable and thread-safe.
 */
public final class NonMarkovPoleTask implements Task {

    public static final int FITNESS_STEPS = 1_000;
    public static final int SOLUTION_STEPS = 100_000;
    public static final int GENERALIZATION_STEPS = 1_000;
    public static final int GENERALIZATION_NEEDED = 200;
    /** The five positions in [0, 1] of each start variable. */
    static final double[] START_VALUES = {0.05, 0.25, 0.5, 0.75, 0.95};
    static final double X_RANGE = 2.16;
    static final double X_DOT_RANGE = 1.35;
    static final double THETA_RANGE = Math.toRadians(3.6);
    static final double THETA_DOT_RANGE = Math.toRadians(8.6);

    /** The target network's wiring (option {@code network}). */
    public enum Topology {
        /** hidden + 1 fully recurrent tanh neurons, the last one the output (the literature's). */
        FULLY_RECURRENT("fully-recurrent"),
        /** inputs → Elman tanh layer → dense sigmoid output. */
        ELMAN("elman");

        private final String option;

        Topology(String option) {
            this.option = option;
        }

        /** The option value, e.g. {@code fully-recurrent}. */
        public String option() {
            return option;
        }

        /** @throws IllegalArgumentException for a name other than fully-recurrent or elman */
        public static Topology of(String option) {
            for (Topology t : values()) {
                if (t.option.equals(option)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("network must be fully-recurrent or elman, got " + option);
        }
    }

    private final double startAngle;
    private final Sensors sensors;
    private final Topology topology;
    private final Architecture architecture;

    /** The default, fully recurrent network. */
    public NonMarkovPoleTask(double startAngle, int hidden, boolean biasInput) {
        this(startAngle, hidden, biasInput, Topology.FULLY_RECURRENT);
    }

    /**
     * @throws IllegalArgumentException for hidden &lt; 1 or a start angle at or beyond the
     *                                  failure angle
     */
    public NonMarkovPoleTask(double startAngle, int hidden, boolean biasInput, Topology topology) {
        this.startAngle = MarkovPoleTask.checkStartAngle(startAngle);
        if (hidden < 1) {
            throw new IllegalArgumentException("double-pole-nv needs >= 1 hidden units, got hidden = " + hidden);
        }
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sensors = new Sensors(2, false, biasInput);
        Shape in = Shape.grid(1, sensors.size());
        architecture = switch (topology) {
            case FULLY_RECURRENT -> Architecture.of("double-pole-nv-fr-" + hidden, in,
                    new Layer.Recurrent(Shape.grid(1, hidden + 1), Activation.TANH, true));
            case ELMAN -> Architecture.of("double-pole-nv-" + hidden, in,
                    new Layer.Recurrent(Shape.grid(1, hidden), Activation.TANH, true),
                    new Layer.Dense(Shape.grid(1, 1), Activation.SIGMOID, true));
        };
    }

    public Topology topology() {
        return topology;
    }

    /** Episode scratch reading the force from the output neuron of this task's network. */
    private Balancer balancer(Network net) {
        return topology == Topology.FULLY_RECURRENT
                ? new Balancer(sensors, net.outputSize(), net.outputSize() - 1, true)
                : new Balancer(sensors, net.outputSize());
    }

    @Override
    public String name() {
        return "double-pole-nv";
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    public Sensors sensors() {
        return sensors;
    }

    /** Gruau's damping fitness for t balanced actions of 1,000 and jiggle J (used only when t &gt; 100). */
    public static double dampingFitness(int t, double jiggle) {
        double f = 0.1 * t / FITNESS_STEPS;
        if (t > Balancer.JIGGLE_WINDOW) {
            f += 0.9 * 0.75 / Math.max(jiggle, Double.MIN_NORMAL);
        }
        return f;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        Balancer b = balancer(net);
        b.cart().reset(0, 0, startAngle, 0, 0, 0);
        int t = b.run(net, FITNESS_STEPS);
        if (t == Balancer.NAN_OUTPUT) {
            return new Score(worstFitness(), Map.of("steps", 0.0), false);
        }
        double f = dampingFitness(t, t > Balancer.JIGGLE_WINDOW ? b.jiggle(t) : 0.0);
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("steps", (double) t);
        boolean solved = false;
        if (t == FITNESS_STEPS) {
            b.cart().reset(0, 0, startAngle, 0, 0, 0);
            int longSteps = b.run(net, SOLUTION_STEPS);
            metrics.put("long_steps", (double) Math.max(longSteps, 0));
            if (longSteps == SOLUTION_STEPS) {
                int g = generalization(net, b);
                metrics.put("generalization", (double) g);
                solved = g >= GENERALIZATION_NEEDED;
            }
        }
        return new Score(f, metrics, solved);
    }

    /** The evaluate metrics plus {@code generalization} (the count out of 625), always. */
    @Override
    public Map<String, Double> finalMetrics(Network net) {
        Map<String, Double> m = new HashMap<>(evaluate(net, 0L).metrics());
        if (!m.containsKey("generalization")) {
            m.put("generalization", (double) generalization(net, balancer(net)));
        }
        return m;
    }

    /** How many of the 625 generalisation starts the network keeps up for 1,000 actions. */
    public int generalization(Network net) {
        return generalization(net, balancer(net));
    }

    private static int generalization(Network net, Balancer b) {
        int count = 0;
        for (double vx : START_VALUES) {
            for (double vxDot : START_VALUES) {
                for (double vTheta : START_VALUES) {
                    for (double vThetaDot : START_VALUES) {
                        b.cart().reset(scale(vx, X_RANGE), scale(vxDot, X_DOT_RANGE),
                                scale(vTheta, THETA_RANGE), scale(vThetaDot, THETA_DOT_RANGE), 0, 0);
                        if (b.run(net, GENERALIZATION_STEPS) == GENERALIZATION_STEPS) {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    /** Maps v in [0, 1] onto [−range, range]. */
    static double scale(double v, double range) {
        return (2 * v - 1) * range;
    }

    @Override
    public int evaluationBatch() {
        return 1;
    }

    @Override
    public boolean hasSuccessCriterion() {
        return true;
    }

    @Override
    public double worstFitness() {
        return 0.0;
    }

    /** Evaluations for evolution; no gradient training (the task is not supervised). */
    @Override
    public long defaultBudget(BudgetUnit unit) {
        return switch (unit) {
            case EVALUATIONS -> 100_000;
            case STEPS -> 0;
        };
    }
}
