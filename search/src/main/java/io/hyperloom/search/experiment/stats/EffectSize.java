package io.hyperloom.search.experiment.stats;

/**
 * The Vargha–Delaney A₁₂ effect size: the probability that a value drawn from the first sample is
 * larger than one drawn from the second, ties counting one half.
 *
 * <p>A₁₂ = (#{xᵢ > yⱼ} + ½·#{xᵢ = yⱼ}) / (n·m). 0.5 means no effect; identical samples give
 * 0.5, fully separated ones 1.0 or 0.0. Magnitudes follow Vargha &amp; Delaney (2000) on
 * max(A, 1 − A): below 0.56 negligible, below 0.64 small, below 0.71 medium, else large.
 */
public final class EffectSize {

    /** The conventional magnitude labels of A₁₂. */
    public enum Magnitude {
        NEGLIGIBLE, SMALL, MEDIUM, LARGE;

        /** The lower-case label used in tables ("negligible", …). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private EffectSize() {
    }

    /**
     * @throws IllegalArgumentException if either sample is empty or holds NaN
     */
    public static double a12(double[] x, double[] y) {
        double[] xs = Quantiles.sortedCopy(x);
        double[] ys = Quantiles.sortedCopy(y);
        // Counts by merging the two sorted samples: O((n + m) log) instead of n·m comparisons.
        double wins = 0;
        int below = 0; // ys[0 .. below) < current x
        int atOrBelow = 0; // ys[0 .. atOrBelow) <= current x
        for (double v : xs) {
            while (below < ys.length && ys[below] < v) {
                below++;
            }
            while (atOrBelow < ys.length && ys[atOrBelow] <= v) {
                atOrBelow++;
            }
            wins += below + 0.5 * (atOrBelow - below);
        }
        return wins / ((double) xs.length * ys.length);
    }

    /**
     * @throws IllegalArgumentException if a12 is not in [0, 1]
     */
    public static Magnitude magnitude(double a12) {
        if (!(a12 >= 0 && a12 <= 1)) {
            throw new IllegalArgumentException("A12 must lie in [0, 1], got " + a12);
        }
        // The tolerance keeps a12 = 0.36 (whose 1 − a12 is 0.6399…9 in binary) on the documented side.
        double d = Math.max(a12, 1 - a12) + 1e-12;
        if (d < 0.56) {
            return Magnitude.NEGLIGIBLE;
        } else if (d < 0.64) {
            return Magnitude.SMALL;
        } else if (d < 0.71) {
            return Magnitude.MEDIUM;
        }
        return Magnitude.LARGE;
    }
}
