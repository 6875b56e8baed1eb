package io.hyperloom.search.task.pole;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.Map;

/**
 * Markovian pole balancing ({@code single-pole}, {@code double-pole}): the network sees positions
 * and velocities; fitness is the number of actions the cart and poles stay within bounds, up to
 * {@code maxSteps}; solved when it reaches {@code maxSteps} (100,000 in the literature).
 *
 * <p>The episode starts with θ₁ = {@code startAngle} (0.07 rad in the NEAT source), everything
 * else 0. The target network: inputs → (optional dense tanh hidden layer) → one logistic-sigmoid
 * output o, the force being (o − 0.5)·20 N; with no hidden layer it is Igel's (2003) network
 * for the Markovian double pole. Every layer has its own bias (see {@link Sensors#biasInput()}).
 *
 * <p>Deterministic (the seed is ignored); immutable and thread-safe.
 */
public final class MarkovPoleTask implements Task {

    private final int poles;
    private final double startAngle;
    private final int maxSteps;
    private final Sensors sensors;
    private final Architecture architecture;

    /**
     * @throws IllegalArgumentException for poles other than 1, 2; a start angle at or beyond the
     *                                  failure angle; maxSteps &lt; 1; hidden &lt; 0
     */
    public MarkovPoleTask(int poles, double startAngle, int maxSteps, int hidden, boolean biasInput) {
        this.sensors = new Sensors(poles, true, biasInput);
        this.poles = poles;
        this.startAngle = checkStartAngle(startAngle);
        if (maxSteps < 1) {
            throw new IllegalArgumentException("max-steps must be >= 1, got " + maxSteps);
        }
        if (hidden < 0) {
            throw new IllegalArgumentException("hidden must be >= 0 (0 = no hidden layer), got " + hidden);
        }
        this.maxSteps = maxSteps;
        Shape input = Shape.grid(1, sensors.size());
        Layer out = new Layer.Dense(Shape.grid(1, 1), Activation.SIGMOID, true);
        architecture = hidden == 0
                ? Architecture.of(name() + "-direct", input, out)
                : Architecture.of(name() + "-" + hidden, input,
                        new Layer.Dense(Shape.grid(1, hidden), Activation.TANH, true), out);
    }

    static double checkStartAngle(double a) {
        if (!(Math.abs(a) < CartPole.FAILURE_ANGLE)) {
            throw new IllegalArgumentException("start-angle must lie strictly within ±" + CartPole.FAILURE_ANGLE
                    + " rad, got " + a);
        }
        return a;
    }

    @Override
    public String name() {
        return poles == 1 ? "single-pole" : "double-pole";
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    public Sensors sensors() {
        return sensors;
    }

    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        Balancer b = new Balancer(sensors, net.outputSize());
        b.cart().reset(0, 0, startAngle, 0, 0, 0);
        int t = b.run(net, maxSteps);
        if (t == Balancer.NAN_OUTPUT) {
            return new Score(worstFitness(), Map.of("steps", 0.0), false);
        }
        return new Score(t, Map.of("steps", (double) t), t == maxSteps);
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
            case EVALUATIONS -> poles == 1 ? 10_000 : 20_000;
            case STEPS -> 0;
        };
    }
}
