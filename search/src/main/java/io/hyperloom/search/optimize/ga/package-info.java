/**
 * A real-valued genetic algorithm over θ on Jenetics' engine, with the run's seeded random generator scoped around it and evaluation through the run's evaluator.
 */
package io.hyperloom.search.optimize.ga;
