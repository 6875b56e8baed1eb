package io.hyperloom.search.task.continual;

import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.Task;

import java.util.Map;

/**
 * A continual-learning benchmark: T supervised sub-tasks on one target architecture, meant to be
 * learned one after another (the {@code sequential} optimizer), each scored on its own held-out
 * examples.
 *
 * <p>Task identity may be given: {@link #outputs(int)} names the output units sub-task t chooses
 * among (its own classes on split MNIST; all units on permuted MNIST). Drivers train with the
 * softmax renormalised over those units and score the argmax among them.
 *
 * <p>As a plain {@link Task} (for optimizers that know no sequence) a network is scored on every
 * sub-task with the same weights: fitness is the mean accuracy, no metrics. Immutable and
 * thread-safe.
 */
public interface SequentialTasks extends Task {

    /** T, the number of sub-tasks. */
    int taskCount();

    /**
     * Sub-task {@code t}, a supervised task over its own training examples.
     *
     * @throws IllegalArgumentException if {@code t} is not in 0..T−1
     */
    SupervisedTask task(int t);

    /** The output units sub-task {@code t} chooses among, ascending (a fresh array). */
    int[] outputs(int t);

    /**
     * Accuracy of {@code net} on sub-task {@code t}'s held-out examples: the argmax among
     * {@link #outputs(int)}.
     */
    double accuracy(int t, Network net);

    @Override
    default Score evaluate(Network net, long seed) {
        double sum = 0;
        for (int t = 0; t < taskCount(); t++) {
            sum += accuracy(t, net);
        }
        return new Score(sum / taskCount(), Map.of(), null);
    }

    /** Nothing beyond fitness: the per-task figures come from the driver, which knows the history. */
    @Override
    default Map<String, Double> finalMetrics(Network net) {
        return Map.of();
    }

    @Override
    default boolean hasSuccessCriterion() {
        return false;
    }

    @Override
    default double worstFitness() {
        return 0.0;
    }
}
