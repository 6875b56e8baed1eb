package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.stats.EffectSize;
import io.hyperloom.search.experiment.stats.Interval;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a comparison table: an arm's figures over its seeds, all medians by the
 * {@link io.hyperloom.search.experiment.stats.Quantiles} rule. Nullable fields are absent figures.
 *
 * @param seeds               the seeds of the arm's runs, ascending
 * @param thetaCount          median |θ|
 * @param thetaParts          median |θ| per part (e.g. hypernet vs embeddings)
 * @param weightCount         median |W|
 * @param compression         median |W| / |θ|
 * @param score               median final score
 * @param scoreQ1             first quartile of the final score
 * @param scoreQ3             third quartile of the final score
 * @param scoreInterval       bootstrap percentile interval of the median score
 * @param thresholdEvaluations median evaluations to reach the threshold over the runs that reached it; null if none did or no threshold
 * @param reached             runs whose curve reached the threshold (0 without a threshold)
 * @param evaluations         median evaluations used
 * @param gradientSteps       median gradient steps
 * @param wallSeconds         median wall time
 * @param solved              runs that solved the task, or null where no run has a success criterion
 * @param solvedEvaluations   mean evaluations to solve ({@link io.hyperloom.search.experiment.RunResult#evaluationsToSolve},
 *                            up to the first solving candidate) of the runs that solved the task (the figure of
 *                            NEAT and the pole-balancing literature), or null where none solved
 * @param failures            evaluations that threw, summed over runs
 * @param baseline            whether this is the baseline arm
 * @param p                   raw two-sided Mann–Whitney p against the baseline (null for the baseline)
 * @param pHolm               p Holm-corrected across the non-baseline arms
 * @param exact               whether p is the exact permutation p-value
 * @param a12                 Vargha–Delaney A₁₂ of this arm over the baseline, oriented so &gt; 0.5 means better
 * @param magnitude           A₁₂'s magnitude label
 */
public record ArmSummary(String label, String generator, String optimizer, Map<String, String> options,
                         int runs, List<Long> seeds, double thetaCount, Map<String, Double> thetaParts,
                         double weightCount, double compression, double score, double scoreQ1, double scoreQ3,
                         Interval scoreInterval, Double thresholdEvaluations, int reached, double evaluations,
                         double gradientSteps, double wallSeconds, Integer solved,
                         Double solvedEvaluations, long failures, boolean baseline,
                         Double p, Double pHolm, Boolean exact, Double a12, EffectSize.Magnitude magnitude) {

    public ArmSummary {
        Objects.requireNonNull(label, "label");
        options = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
        seeds = List.copyOf(seeds);
        thetaParts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(thetaParts));
    }

    /** The interquartile range of the final score. */
    public double scoreIqr() {
        return scoreQ3 - scoreQ1;
    }
}
