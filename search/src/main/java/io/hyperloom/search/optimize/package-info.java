/**
 * The drivers that search θ (evolution, CMA-ES, Adam, hybrids), the evaluator seam through which every fitness evaluation goes, and the run state that records counts, the best candidate and the learning curve. Randomness comes only from the run's seeded generator.
 */
package io.hyperloom.search.optimize;
