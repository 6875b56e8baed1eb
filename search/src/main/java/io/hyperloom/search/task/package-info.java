/**
 * What networks are scored on: tasks with fitness and metrics, supervised tasks with a differentiable loss on mini-batches, and the environment (data directory) they read from. Evaluations are pure functions of the weights and a seed so they can run anywhere.
 */
package io.hyperloom.search.task;
