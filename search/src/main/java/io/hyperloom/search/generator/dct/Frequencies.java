package io.hyperloom.search.generator.dct;

import java.util.Arrays;

/**
 * The order in which θ fills a coefficient array: by increasing frequency.
 *
 * <p>Rule: multi-indices {@code (i₀, …, i_{d−1})} are ordered by their sum {@code i₀ + … + i_{d−1}}
 * (the frequency), and indices with the same sum lexicographically ascending (first axis
 * slowest). In 2-D: (0,0), (0,1), (1,0), (0,2), (1,1), (2,0), (0,3), … Indices outside the extents
 * are skipped. Stateless.
 */
public final class Frequencies {

    private Frequencies() {
    }

    /**
     * The first {@code k} multi-indices of an array of {@code extents} in frequency order.
     *
     * <p>Enumerates one frequency level at a time, each level depth-first with pruning, so the work
     * is proportional to k·d plus the number of levels, not to the array size.
     *
     * @param extents not modified; every extent ≥ 1
     * @param k       1 ≤ k ≤ the product of the extents
     * @return a fresh {@code int[k][extents.length]}
     */
    public static int[][] lowest(int[] extents, int k) {
        long size = 1;
        int maxSum = 0;
        for (int e : extents) {
            if (e < 1) {
                throw new IllegalArgumentException("extents must be >= 1, got " + Arrays.toString(extents));
            }
            size *= e;
            maxSum += e - 1;
        }
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("k must be in [1, " + size + "], got " + k);
        }
        int d = extents.length;
        // restMax[a] = the largest sum the axes a.. can still take
        int[] restMax = new int[d + 1];
        for (int a = d - 1; a >= 0; a--) {
            restMax[a] = restMax[a + 1] + extents[a] - 1;
        }
        int[][] out = new int[k][];
        int[] filled = {0};
        int[] current = new int[d];
        for (int s = 0; s <= maxSum && filled[0] < k; s++) {
            level(extents, restMax, 0, s, current, out, filled);
        }
        return out;
    }

    private static void level(int[] extents, int[] restMax, int axis, int remaining, int[] current, int[][] out,
                              int[] filled) {
        if (filled[0] == out.length) {
            return;
        }
        if (axis == extents.length) {
            if (remaining == 0) {
                out[filled[0]++] = current.clone();
            }
            return;
        }
        int lo = Math.max(0, remaining - restMax[axis + 1]);
        int hi = Math.min(extents[axis] - 1, remaining);
        for (int i = lo; i <= hi && filled[0] < out.length; i++) {
            current[axis] = i;
            level(extents, restMax, axis + 1, remaining - i, current, out, filled);
        }
    }
}
