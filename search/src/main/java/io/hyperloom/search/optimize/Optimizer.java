package io.hyperloom.search.optimize;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.task.Task;

import java.util.Optional;

/**
 * A way of searching θ: evolution, gradient descent or a hybrid. Immutable; one call of
 * {@link #run} is one run, and all of its randomness comes from {@link Search#random()}.
 */
public interface Optimizer {

    /** The unit its budget counts in. */
    Task.BudgetUnit budgetUnit();

    /** Why this optimizer cannot run on this task with this family, or empty if it can. */
    Optional<String> incompatibility(Task task, GeneratorFamily family);

    /**
     * Searches until the budget is used or the task is solved, reporting every generation (or
     * monitoring point) to {@link Search#record}.
     */
    void run(Search search);
}
