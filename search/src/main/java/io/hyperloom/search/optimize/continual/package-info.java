/**
 * Continual learning: the {@code sequential} optimizer trains the sub-tasks of a
 * {@link io.hyperloom.search.task.continual.SequentialTasks} one after another (or jointly, the
 * upper bound), sets a task-conditioned generator's context per task, and holds earlier tasks'
 * generated weights with the output regulariser of von Oswald et al. (2020).
 */
package io.hyperloom.search.optimize.continual;
