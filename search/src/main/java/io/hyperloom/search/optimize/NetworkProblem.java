package io.hyperloom.search.optimize;

import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.Map;
import java.util.Objects;

/**
 * A task and a {@link NetworkFamily} joined: the genome's own network is scored directly. Pure:
 * each evaluation builds its network from the genome.
 *
 * @param <G> the genome type
 */
public final class NetworkProblem<G> implements FitnessFunction<G> {

    private final Task task;
    private final NetworkFamily<G> family;

    public NetworkProblem(Task task, NetworkFamily<G> family) {
        this.task = Objects.requireNonNull(task, "task");
        this.family = Objects.requireNonNull(family, "family");
    }

    public Task task() {
        return task;
    }

    public NetworkFamily<G> family() {
        return family;
    }

    @Override
    public Score evaluate(G genome, long seed) {
        Network net = family.build(genome, task);
        net.resetState();
        return task.evaluate(net, seed);
    }

    public Map<String, Double> finalMetrics(G genome) {
        Network net = family.build(genome, task);
        net.resetState();
        return task.finalMetrics(net);
    }

    @Override
    public Score failureScore() {
        return new Score(task.worstFitness(), Map.of(), task.hasSuccessCriterion() ? Boolean.FALSE : null);
    }
}
