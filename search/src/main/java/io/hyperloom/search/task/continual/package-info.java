/**
 * Continual-learning benchmarks: {@code permuted-mnist} and {@code split-mnist}, each a
 * {@link io.hyperloom.search.task.continual.SequentialTasks} of supervised sub-tasks learned one
 * after another by the {@code sequential} optimizer. MNIST is loaded by the {@code mnist} task's
 * loader and shared, never copied, by the sub-tasks.
 */
package io.hyperloom.search.task.continual;
