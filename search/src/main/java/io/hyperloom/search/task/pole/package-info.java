/**
 * Pole balancing on Wieland's cart with the NEAT source's physics and Gomez's Runge–Kutta: the
 * Markovian single and double pole tasks and the double pole without velocities scored by Gruau's
 * damping fitness with its generalisation test. Evolution-only tasks: they give fitness, no loss.
 */
package io.hyperloom.search.task.pole;
