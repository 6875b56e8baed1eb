package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a comparison is built.
 *
 * @param measure       the score and its direction
 * @param threshold     the score a run must reach on its curve to count in "evaluations to threshold", or null
 * @param baseline      the arm label the others are tested against, or null: the first arm whose
 *                      generator is {@code direct}, else the first arm
 * @param armLabel      a caller's arm label per record, or null: {@link Arms#defaultLabels}
 * @param resamples     bootstrap resamples for the median interval
 * @param confidence    the interval's level, e.g. 0.95
 * @param bootstrapSeed the seed the bootstrap generators derive from (one stream per arm label)
 */
public record ComparisonOptions(Measure measure, Double threshold, String baseline,
                                Function<RunResult, String> armLabel, int resamples, double confidence,
                                long bootstrapSeed) {

    public ComparisonOptions {
        Objects.requireNonNull(measure, "measure");
        if (threshold != null && threshold.isNaN()) {
            throw new IllegalArgumentException("threshold must be a number, got NaN");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** Best fitness, no threshold, default baseline and labels, 10,000 resamples, 95%, seed 1. */
    public static ComparisonOptions defaults() {
        return new ComparisonOptions(Measure.fitness(), null, null, null, 10_000, 0.95, 1L);
    }

    public ComparisonOptions withMeasure(Measure m) {
        return new ComparisonOptions(m, threshold, baseline, armLabel, resamples, confidence, bootstrapSeed);
    }

    public ComparisonOptions withThreshold(Double t) {
        return new ComparisonOptions(measure, t, baseline, armLabel, resamples, confidence, bootstrapSeed);
    }

    public ComparisonOptions withBaseline(String label) {
        return new ComparisonOptions(measure, threshold, label, armLabel, resamples, confidence, bootstrapSeed);
    }

    public ComparisonOptions withArmLabel(Function<RunResult, String> label) {
        return new ComparisonOptions(measure, threshold, baseline, label, resamples, confidence, bootstrapSeed);
    }

    public ComparisonOptions withResamples(int n) {
        return new ComparisonOptions(measure, threshold, baseline, armLabel, n, confidence, bootstrapSeed);
    }
}
