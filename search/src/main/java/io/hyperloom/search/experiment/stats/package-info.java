/**
 * The statistics of a comparison, computed from stored results: quantiles with one documented
 * rule, the Mann–Whitney U test (exact for small samples), the Vargha–Delaney A₁₂ effect size,
 * Holm–Bonferroni correction and seeded bootstrap intervals. Pure functions; inputs are never modified.
 */
package io.hyperloom.search.experiment.stats;
