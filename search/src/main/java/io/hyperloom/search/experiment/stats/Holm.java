package io.hyperloom.search.experiment.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm–Bonferroni step-down adjustment of p-values for m simultaneous tests.
 *
 * <p>How it works: 1. sort the p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; 2. the adjusted value of the
 * i-th is max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎) (the running maximum keeps the order);
 * 3. return them in the input order. Equals R's {@code p.adjust(p, "holm")}. Rejecting every
 * hypothesis whose adjusted p is ≤ α controls the family-wise error rate at α.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * @param p raw p-values in [0, 1] (not modified)
     * @return the adjusted p-values, in the order of {@code p}
     * @throws IllegalArgumentException if a value is NaN or outside [0, 1]
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("p-values must lie in [0, 1], got " + v + " in " + Arrays.toString(p));
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i])); // stable: ties keep input order
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
