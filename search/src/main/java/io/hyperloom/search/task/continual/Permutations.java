package io.hyperloom.search.task.continual;

import io.hyperloom.search.optimize.Seeds;

import java.util.random.RandomGenerator;

/** Fixed, seeded pixel permutations for permuted MNIST. Stateless. */
public final class Permutations {

    private Permutations() {
    }

    /**
     * Permutation {@code t} of {@code n} elements for {@code seed}: a Fisher–Yates shuffle driven
     * by a stream derived from (seed, t), so each task's permutation depends only on the seed and
     * its index (not on T). With {@code identityFirst}, task 0 is the identity (plain MNIST).
     */
    public static int[] of(int n, int t, long seed, boolean identityFirst) {
        if (n < 1 || t < 0) {
            throw new IllegalArgumentException("need n >= 1 and t >= 0, got n = " + n + ", t = " + t);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (identityFirst && t == 0) {
            return p;
        }
        RandomGenerator rng = Seeds.random(Seeds.derive(seed, 0x5045524DL, t)); // "PERM"
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    /** Whether {@code p} maps 0..n−1 one-to-one onto itself. */
    public static boolean isBijection(int[] p) {
        boolean[] seen = new boolean[p.length];
        for (int v : p) {
            if (v < 0 || v >= p.length || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
        return true;
    }
}
