package io.hyperloom.search.task;

import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.TargetNetwork;

import java.util.Map;

/**
 * What a network is scored on. A task names its target architecture and scores a
 * {@link Network}: usually a {@link TargetNetwork} bound to generated weights.
 *
 * <p>Contract: {@link #evaluate} is a pure function of the bound weights and {@code seed} (no
 * hidden state, no shared mutable caches), so evaluations can run on any thread or machine in any
 * order. Tasks are immutable and thread-safe; the network passed in is the caller's per-thread
 * scratch. A task whose networks produce NaN must still return a finite fitness (its worst).
 */
public interface Task {

    String name();

    Architecture architecture();

    /**
     * Fitness and cheap metrics (recorded on the learning curve).
     *
     * @param net  the candidate (a target network bound to its weights, or a NEAT genome's own
     *             network); its state may be reset and overwritten
     * @param seed for tasks with random starts; deterministic tasks ignore it
     */
    Score evaluate(Network net, long seed);

    /**
     * Metrics computed once for the final record: held-out tests, generalisation. Defaults to the
     * metrics of {@link #evaluate}.
     */
    default Map<String, Double> finalMetrics(Network net) {
        return evaluate(net, 0L).metrics();
    }

    /** A new per-thread network sized for this task's evaluation. */
    default TargetNetwork newNetwork() {
        return new TargetNetwork(architecture(), evaluationBatch());
    }

    /** How many samples {@link #evaluate} runs at once. */
    int evaluationBatch();

    /** Whether {@link Score#solved()} is meaningful (non-null). */
    boolean hasSuccessCriterion();

    /** The fitness given to a network that fails (NaN outputs, an exception in evaluation). */
    double worstFitness();

    /** The default budget for an optimizer of this {@link BudgetUnit}. */
    long defaultBudget(BudgetUnit unit);

    /** The unit of a run's budget; each optimizer counts in one. */
    enum BudgetUnit {
        /** Fitness evaluations (evolution). */
        EVALUATIONS,
        /** Mini-batch gradient steps (Adam). */
        STEPS
    }
}
