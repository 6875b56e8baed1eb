package io.hyperloom.search.experiment.stats;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Bootstrap percentile confidence interval for the median.
 *
 * <p>How it works: 1. sort the sample (so the result does not depend on the order the records
 * arrived in); 2. draw {@code resamples} samples of size n with replacement using the given
 * generator and take each one's median ({@link Quantiles} rule); 3. the interval is the
 * (1 − level)/2 and (1 + level)/2 quantiles of those medians. Deterministic for a given
 * generator state. With very small n (≤ 3) the interval is necessarily coarse.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 10_000;

    private Bootstrap() {
    }

    /**
     * @param values    the sample (not modified)
     * @param level     confidence level in (0, 1), e.g. 0.95
     * @param resamples number of bootstrap resamples (≥ 1)
     * @param random    the source of resampling indices (advanced)
     * @throws IllegalArgumentException for an empty sample, NaN, a level outside (0, 1) or resamples < 1
     */
    public static Interval medianInterval(double[] values, double level, int resamples, RandomGenerator random) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        double[] sorted = Quantiles.sortedCopy(values);
        int n = sorted.length;
        double[] medians = new double[resamples];
        double[] draw = new double[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                draw[i] = sorted[random.nextInt(n)];
            }
            Arrays.sort(draw);
            medians[r] = Quantiles.sortedQuantile(draw, 0.5);
        }
        Arrays.sort(medians);
        return new Interval(Quantiles.sortedQuantile(medians, (1 - level) / 2),
                Quantiles.sortedQuantile(medians, (1 + level) / 2));
    }
}
