/**
 * CMA-ES as an ask/tell {@link io.hyperloom.search.optimize.cmaes.EvolutionStrategy}: the full-covariance
 * version of Hansen's tutorial and the separable (diagonal) version of Ros &amp; Hansen for large θ, plus the
 * {@code cmaes} optimizer that drives either through a run's evaluator with IPOP restarts. All sampling
 * happens in the caller's thread from an injected random generator, so a generation can be evaluated in
 * parallel without changing the result.
 */
package io.hyperloom.search.optimize.cmaes;
