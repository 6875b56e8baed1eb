package io.hyperloom.search.generator.dct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The obviously correct twin of the fast transforms: O(N²) sums straight from the definition. */
final class NaiveDct {

    private NaiveDct() {
    }

    /** s_u cos(π(2y+1)u/(2n)), the orthonormal DCT-II basis. */
    static double basis(int n, int u, int y) {
        double s = u == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
        return s * Math.cos(Math.PI * (2 * y + 1) * u / (2.0 * n));
    }

    /** The product of the basis along every axis, for flat frequency index f and flat position p. */
    static double basis(int[] n, int f, int p) {
        double v = 1;
        for (int a = n.length - 1; a >= 0; a--) {
            v *= basis(n[a], f % n[a], p % n[a]);
            f /= n[a];
            p /= n[a];
        }
        return v;
    }

    static int size(int[] n) {
        int s = 1;
        for (int e : n) {
            s *= e;
        }
        return s;
    }

    /** x = DCT-III(X) over all axes. */
    static double[] inverse(int[] n, double[] coeffs) {
        int size = size(n);
        double[] x = new double[size];
        for (int p = 0; p < size; p++) {
            double sum = 0;
            for (int f = 0; f < size; f++) {
                sum += basis(n, f, p) * coeffs[f];
            }
            x[p] = sum;
        }
        return x;
    }

    /** X = DCT-II(x) over all axes. */
    static double[] forward(int[] n, double[] x) {
        int size = size(n);
        double[] coeffs = new double[size];
        for (int f = 0; f < size; f++) {
            double sum = 0;
            for (int p = 0; p < size; p++) {
                sum += basis(n, f, p) * x[p];
            }
            coeffs[f] = sum;
        }
        return coeffs;
    }

    /** Every multi-index sorted by (sum, then lexicographically): the documented frequency order. */
    static List<int[]> order(int[] n) {
        List<int[]> all = new ArrayList<>();
        int size = size(n);
        for (int f = 0; f < size; f++) {
            all.add(index(n, f));
        }
        Comparator<int[]> bySum = Comparator.comparingInt(NaiveDct::sum);
        all.sort(bySum.thenComparing(java.util.Arrays::compare));
        return all;
    }

    static int[] index(int[] n, int f) {
        int[] idx = new int[n.length];
        for (int a = n.length - 1; a >= 0; a--) {
            idx[a] = f % n[a];
            f /= n[a];
        }
        return idx;
    }

    static int flat(int[] n, int[] idx) {
        int f = 0;
        for (int a = 0; a < n.length; a++) {
            f = f * n[a] + idx[a];
        }
        return f;
    }

    static int sum(int[] idx) {
        int s = 0;
        for (int v : idx) {
            s += v;
        }
        return s;
    }
}
