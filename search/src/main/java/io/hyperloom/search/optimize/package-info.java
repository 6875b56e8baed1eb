/**
 * The drivers that search θ (evolution, CMA-ES, Adam, hybrids), the evaluator seam through which every fitness evaluation goes, the run state that records counts, the best candidate and the learning curve, and the checkpoints a killed run resumes from (EvaluationJournal per generation, RunCheckpoint per gradient monitoring point). Randomness comes only from the run's seeded generator.
 */
package io.hyperloom.search.optimize;
