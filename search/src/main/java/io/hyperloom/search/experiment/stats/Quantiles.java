package io.hyperloom.search.experiment.stats;

import java.util.Arrays;

/**
 * Sample quantiles by one rule everywhere: linear interpolation between order statistics
 * (Hyndman &amp; Fan type 7, the default of R's {@code quantile} and NumPy's {@code percentile}).
 *
 * <p>How it works: 1. sort the n values; 2. h = (n − 1)·p; 3. the quantile is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is the usual one (mean of the middle two for
 * even n), the IQR is q(0.75) − q(0.25).
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * The p-quantile of {@code values} (not modified).
     *
     * @throws IllegalArgumentException if values is empty, holds NaN, or p is outside [0, 1]
     */
    public static double quantile(double[] values, double p) {
        return sortedQuantile(sortedCopy(values), p);
    }

    /** The p-quantile of values already sorted ascending (not modified, not checked). */
    public static double sortedQuantile(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile p must be in [0, 1], got " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of an empty sample");
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double frac = h - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** q(0.75) − q(0.25). */
    public static double iqr(double[] values) {
        double[] s = sortedCopy(values);
        return sortedQuantile(s, 0.75) - sortedQuantile(s, 0.25);
    }

    /** A sorted copy; rejects empty samples and NaN so no statistic silently absorbs a missing value. */
    static double[] sortedCopy(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        double[] s = values.clone();
        for (double v : s) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("sample holds NaN: " + Arrays.toString(values));
            }
        }
        Arrays.sort(s);
        return s;
    }
}
