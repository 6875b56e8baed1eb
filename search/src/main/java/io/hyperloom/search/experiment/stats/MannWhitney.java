package io.hyperloom.search.experiment.stats;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The two-sided Mann–Whitney U (Wilcoxon rank-sum) test: does one sample tend to give larger
 * values than the other?
 *
 * <p>Small samples (both n ≤ {@link #EXACT_LIMIT}, the usual case of 5–20 seeds per arm) get the
 * exact permutation p-value, ties handled by mid-ranks; larger ones get commons-math3's
 * {@link MannWhitneyUTest}, a normal approximation without tie or continuity correction (at
 * n &gt; 20 per arm the difference is small; it is stated in every report).
 *
 * <p>How the exact test works: 1. rank the pooled N = n + m values, ties sharing their mean rank;
 * doubled ranks are integers; 2. under H₀ every n-subset of the pooled ranks is equally likely to
 * be x's, so count the subsets by (size, doubled rank sum) with a subset-sum dynamic programme
 * over the pooled values (O(N·n·ΣR) steps, about a million for n = m = 20); 3. the two-sided
 * p-value is the probability of a doubled rank sum at least as far from its mean n(N + 1) as the
 * observed one (the definition R's {@code coin} uses; with ties the null distribution need not be
 * symmetric, so "twice the smaller tail" would be wrong). Without ties this equals R's
 * {@code wilcox.test(x, y, exact = TRUE)}.
 */
public final class MannWhitney {

    /** Largest per-sample size for which the exact distribution is used. */
    public static final int EXACT_LIMIT = 20;

    /**
     * @param u     U of the first sample: #{xᵢ > yⱼ} + ½·#{xᵢ = yⱼ}
     * @param p     two-sided p-value
     * @param exact whether p is exact (else commons-math3's normal approximation)
     */
    public record Result(double u, double p, boolean exact) {
    }

    private MannWhitney() {
    }

    /**
     * @param x first sample (not modified)
     * @param y second sample (not modified)
     * @throws IllegalArgumentException if a sample is empty or holds NaN
     */
    public static Result test(double[] x, double[] y) {
        double u = EffectSize.a12(x, y) * x.length * y.length;
        if (x.length <= EXACT_LIMIT && y.length <= EXACT_LIMIT) {
            return new Result(u, exactP(x, y), true);
        }
        double p = new MannWhitneyUTest().mannWhitneyUTest(x, y);
        return new Result(u, Math.min(1.0, p), false);
    }

    /** The exact two-sided p-value; also the test oracle's subject, so package-visible. */
    static double exactP(double[] x, double[] y) {
        int n = x.length;
        int big = n + y.length;
        int[] doubled = doubledRanks(x, y);
        long observed = 0;
        long total = 0;
        for (int i = 0; i < big; i++) {
            total += doubled[i];
            if (i < n) {
                observed += doubled[i];
            }
        }
        int maxSum = (int) total;
        // ways[k][s]: number of k-subsets of the values seen so far whose doubled ranks sum to s.
        // Counts up to C(40, 20) ≈ 1.4e11 are exact in a double.
        double[][] ways = new double[n + 1][maxSum + 1];
        ways[0][0] = 1;
        for (int i = 0; i < big; i++) {
            int d = doubled[i];
            for (int k = Math.min(n, i + 1); k >= 1; k--) {
                double[] to = ways[k];
                double[] from = ways[k - 1];
                for (int s = maxSum; s >= d; s--) {
                    to[s] += from[s - d];
                }
            }
        }
        long mean2 = (long) n * (big + 1); // the mean doubled rank sum, n(N + 1): an integer
        long dist = Math.abs(observed - mean2);
        double extreme = 0;
        double all = 0;
        for (int s = 0; s <= maxSum; s++) {
            double w = ways[n][s];
            all += w;
            if (Math.abs(s - mean2) >= dist) {
                extreme += w;
            }
        }
        return Math.min(1.0, extreme / all);
    }

    /** Doubled mid-ranks of x followed by y, in input order: x's at [0, n), y's at [n, N). */
    static int[] doubledRanks(double[] x, double[] y) {
        int n = x.length;
        int big = n + y.length;
        if (n == 0 || y.length == 0) {
            throw new IllegalArgumentException("Mann-Whitney needs two non-empty samples, got sizes " + n + " and " + y.length);
        }
        double[] pooled = new double[big];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, y.length);
        Integer[] order = new Integer[big];
        for (int i = 0; i < big; i++) {
            if (Double.isNaN(pooled[i])) {
                throw new IllegalArgumentException("Mann-Whitney sample holds NaN");
            }
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> pooled[i]));
        int[] doubled = new int[big];
        for (int a = 0; a < big; ) {
            int b = a;
            while (b + 1 < big && pooled[order[b + 1]] == pooled[order[a]]) {
                b++;
            }
            // positions a..b (0-based) share the mean rank ((a+1)+(b+1))/2; doubled: a + b + 2
            for (int j = a; j <= b; j++) {
                doubled[order[j]] = a + b + 2;
            }
            a = b + 1;
        }
        return doubled;
    }
}
