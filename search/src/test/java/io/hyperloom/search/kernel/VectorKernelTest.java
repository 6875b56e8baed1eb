package io.hyperloom.search.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vector kernel against its plain twin on seeded random views of every shape class. */
class VectorKernelTest {

    /** Relative tolerance per term of the inner product: rounding grows at most linearly with k. */
    private static final double TOLERANCE_PER_K = 1e-12;

    /** Forces the packed path even on tiny products, so edges are tested on small sizes too. */
    private static final MatrixKernel PACKED = new VectorKernel(0);
    private static final MatrixKernel DEFAULT = new VectorKernel();

    private static final int MR = VectorKernel.MR;
    private static final int NR = VectorKernel.NR;
    private static final int KC = VectorKernel.KC;
    private static final int MC = VectorKernel.MC;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void matchesPlainOnSmallAndEdgeShapes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] dims = {1, 2, 3, 5, 7, MR - 1, MR, MR + 1, NR - 1, NR, NR + 1, 2 * NR + 3, 31};
        for (int trial = 0; trial < 120; trial++) {
            int m = dims[rnd.nextInt(dims.length)];
            int n = dims[rnd.nextInt(dims.length)];
            int k = dims[rnd.nextInt(dims.length)];
            check(PACKED, rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, rnd.nextBoolean() ? 0.0 : 1.0);
            check(DEFAULT, rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, rnd.nextBoolean() ? 0.0 : 1.0);
        }
    }

    @Test
    void matchesPlainForEveryTransposeAcrossBlockBoundaries() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[][] shapes = {
                {MC + 3, NR * 3 + 5, KC + 1},
                {MC, NR, KC},
                {MC * 2 + MR + 1, 37, KC * 2 + 7},
                {75, 121, 121},
                {17, 2 * NR + 1, KC - 1},
                {97, 13, 2 * KC},
        };
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                check(DEFAULT, rnd, ta, tb, s[0], s[1], s[2], 0.0);
                check(DEFAULT, rnd, ta, tb, s[0], s[1], s[2], 1.0);
            }
        }
    }

    @Test
    void matchesPlainOnPrimeShapesWithWideViews() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[] primes = {1, 2, 3, 5, 11, 13, 29, 53, 131, 167};
        for (int trial = 0; trial < 40; trial++) {
            int m = primes[rnd.nextInt(primes.length)];
            int n = primes[rnd.nextInt(primes.length)];
            int k = primes[rnd.nextInt(primes.length)];
            check(PACKED, rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, rnd.nextBoolean() ? 0.0 : 1.0);
        }
    }

    @Test
    void networkShapesMatchPlain() {
        SplittableRandom rnd = new SplittableRandom(8);
        // X(B×784)·Wᵀ, dW += dZᵀ·X, dX = dZ·W of a 784-256 layer at a small batch
        check(DEFAULT, rnd, false, true, 40, 256, 784, 0.0);
        check(DEFAULT, rnd, true, false, 256, 784, 40, 1.0);
        check(DEFAULT, rnd, false, false, 40, 784, 256, 0.0);
    }

    @Test
    void zeroDepthScalesC() {
        double[] c = {Double.NaN, 2, 3, 4, 5, 6};
        double[] a = {};
        double[] b = {};
        DEFAULT.gemm(false, false, 2, 3, 0, a, 0, 1, b, 0, 3, 1.0, c, 0, 3);
        assertTrue(Double.isNaN(c[0]));
        assertEquals(6.0, c[5]);
        DEFAULT.gemm(false, false, 2, 3, 0, a, 0, 1, b, 0, 3, 0.0, c, 0, 3);
        assertArrayEquals(new double[6], c);
    }

    @Test
    void emptyProductsTouchNothing() {
        double[] c = {7, 7, 7};
        DEFAULT.gemm(false, false, 0, 3, 4, new double[0], 0, 4, new double[12], 0, 3, 0.0, c, 0, 3);
        DEFAULT.gemm(true, true, 3, 0, 4, new double[12], 0, 3, new double[0], 0, 4, 0.0, c, 0, 3);
        assertArrayEquals(new double[] {7, 7, 7}, c);
    }

    @Test
    void rejectsOtherBeta() {
        double[] x = new double[4];
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULT.gemm(false, false, 2, 2, 1, x, 0, 1, x, 0, 2, 0.5, x, 0, 2));
    }

    /**
     * One random product on views: offsets and leading dimensions wider than the rows, C
     * pre-filled with NaN for beta 0 and with values for beta 1, cells outside C's view must
     * survive, A and B must be unchanged.
     */
    private static void check(MatrixKernel kernel, SplittableRandom rnd, boolean transA, boolean transB,
                              int m, int n, int k, double beta) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + rnd.nextInt(4);
        int ldb = bCols + rnd.nextInt(4);
        int ldc = n + rnd.nextInt(4);
        int aOff = rnd.nextInt(5);
        int bOff = rnd.nextInt(5);
        int cOff = rnd.nextInt(5);
        double[] a = random(rnd, aOff + aRows * lda + 3);
        double[] b = random(rnd, bOff + bRows * ldb + 3);
        double[] c = random(rnd, cOff + m * ldc + 3);
        if (beta == 0) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Double.NaN);
            }
        }
        double[] a0 = a.clone();
        double[] b0 = b.clone();
        double[] expected = c.clone();
        if (beta == 0) {
            // the twin also ignores old contents; give it zeros so NaN cannot leak into the oracle
            for (int i = 0; i < m; i++) {
                Arrays.fill(expected, cOff + i * ldc, cOff + i * ldc + n, 0.0);
            }
        }
        PlainKernel.INSTANCE.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        kernel.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        String what = kernel.name() + " transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                + " beta=" + beta;
        assertArrayEquals(a0, a, what + ": A modified");
        assertArrayEquals(b0, b, what + ": B modified");
        double tol = TOLERANCE_PER_K * Math.max(1, k);
        for (int i = 0; i < c.length; i++) {
            double e = expected[i];
            double scale = Math.max(1.0, Math.abs(e));
            if (!(Math.abs(c[i] - e) <= tol * scale * 4)) {
                throw new AssertionError(what + ": element " + i + " is " + c[i] + ", expected " + e);
            }
        }
    }

    private static double[] random(SplittableRandom rnd, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
