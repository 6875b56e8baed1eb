package io.hyperloom.search.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked, cache-blocked {@code dgemm} on {@code jdk.incubator.vector}: the fast
 * {@link MatrixKernel}, with {@link PlainKernel} as its obviously-correct twin.
 *
 * <p>How it works (the GotoBLAS/BLIS scheme):
 * <ol>
 * <li>op(B) is cut into panels of {@code KC × NC}; each panel is packed into slivers of
 *     {@link #NR} columns, stored p-major ({@code sliver[p·NR + j]}), zero-padded at the right
 *     edge. Packing also resolves the transpose, so the inner loop never sees transB.</li>
 * <li>op(A) is cut into blocks of {@code MC × KC}, packed into slivers of {@link #MR} rows stored
 *     p-major ({@code sliver[p·MR + i]}), zero-padded at the bottom edge; this resolves transA.</li>
 * <li>For every pair (A sliver, B sliver) the micro-kernel keeps an {@code MR × NR} tile of C in
 *     {@code MR·NR/L} vector registers (L = lanes) and runs over p:
 *     {@code C[i, :] += A[i, p] · B[p, :]} — one broadcast of A times two vectors of B, 16 FMAs
 *     per 8 scalar and 2 vector loads. The B sliver (KC·NR doubles) stays in L1 while the A
 *     block streams from L2.</li>
 * <li>The tile is written once per K panel, through a small scratch tile: for the first panel
 *     with beta = 0 it overwrites C (old contents, NaN included, are never read), otherwise it is
 *     added. Edge tiles copy only their valid part.</li>
 * </ol>
 * Products with fewer than {@code m·n·k < 4096} multiply-adds go to the plain loops, where
 * packing would cost more than it saves.
 *
 * <p>Sized for AVX-512 (L = 8: MR × NR = 8 × 16 uses 16 accumulators of the 32 registers). On a
 * CPU with narrower vectors it stays correct, only slower. Thread-safe: the packing buffers are
 * per-thread scratch, grown on demand and reused, so steady-state calls allocate nothing.
 */
public final class VectorKernel implements MatrixKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Depth of a K panel: a B sliver of KC·NR doubles (16 KB at L = 8) fits in L1 beside A's streams. */
    static final int KC = 128;
    /** Rows of an A block: MC·KC doubles (160 KB) stay in L2. */
    static final int MC = 160;
    /** Columns of a B panel: NC·KC doubles (2 MB) stay in L2/L3. */
    static final int NC = 2048;
    private static final long SMALL = 4096;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final long smallThreshold;

    public VectorKernel() {
        this(SMALL);
    }

    /** For tests: products with {@code m·n·k < smallThreshold} go to the plain loops (0: never). */
    VectorKernel(long smallThreshold) {
        this.smallThreshold = smallThreshold;
    }

    /** Per-thread packing buffers; grown, never shrunk. */
    private static final class Scratch {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        PlainKernel.checkBeta(beta);
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
                }
            }
            return;
        }
        if ((long) m * n * k < smallThreshold) {
            PlainKernel.INSTANCE.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Scratch s = SCRATCH.get();
        int ncMax = Math.min(NC, n);
        int kcMax = Math.min(KC, k);
        int mcMax = Math.min(MC, m);
        int bNeed = roundUp(ncMax, NR) * kcMax;
        int aNeed = roundUp(mcMax, MR) * kcMax;
        if (s.b.length < bNeed) {
            s.b = new double[bNeed];
        }
        if (s.a.length < aNeed) {
            s.a = new double[aNeed];
        }
        double[] ap = s.a;
        double[] bp = s.b;
        double[] tile = s.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean overwrite = pc == 0 && beta == 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        int bi = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            micro(kc, ap, ir * kc, bp, bi, tile);
                            flush(tile, c, ci, ldc, overwrite, rows, cols);
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int r) {
        return (x + r - 1) / r * r;
    }

    /** Packs op(B)[pc..pc+kc) × [jc..jc+nc) into NR-wide p-major slivers, zero-padded. */
    private static void packB(boolean transB, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              double[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                // op(B)[p, j] = b[p·ldb + j]: each p copies a contiguous run of cols
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    if (cols == NR) {
                        DoubleVector.fromArray(S, b, src).intoArray(bp, dst);
                        DoubleVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    } else {
                        for (int j = 0; j < cols; j++) {
                            bp[dst + j] = b[src + j];
                        }
                        for (int j = cols; j < NR; j++) {
                            bp[dst + j] = 0.0;
                        }
                    }
                }
            } else {
                // op(B)[p, j] = b[j·ldb + p]: each column j is a contiguous run over p
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    int dst = base + j;
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR] = b[src + p];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + j + p * NR] = 0.0;
                    }
                }
            }
        }
    }

    /** Packs op(A)[ic..ic+mc) × [pc..pc+kc) into MR-tall p-major slivers, zero-padded. */
    private static void packA(boolean transA, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              double[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (!transA) {
                // op(A)[i, p] = a[i·lda + p]: each row i is a contiguous run over p
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (ic + ir + i) * lda + pc;
                    int dst = base + i;
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR] = a[src + p];
                    }
                }
                for (int i = rows; i < MR; i++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + i + p * MR] = 0.0;
                    }
                }
            } else {
                // op(A)[i, p] = a[p·lda + i]: each p copies a contiguous run of rows
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        ap[dst + i] = a[src + i];
                    }
                    for (int i = rows; i < MR; i++) {
                        ap[dst + i] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * The MR × NR register tile: {@code tile[i, j] = Σ_p A[i, p]·B[p, j]} over one K panel, A and B
     * packed slivers starting at {@code ai} and {@code bi}.
     */
    private static void micro(int kc, double[] ap, int ai, double[] bp, int bi, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int pa = ai;
        int pb = bi;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
            // C[i, :] += A[i, p] · B[p, :]
            DoubleVector b0 = DoubleVector.fromArray(S, bp, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, pb + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[pa]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[pa + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[pa + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[pa + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[pa + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[pa + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, ap[pa + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, ap[pa + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // The tile goes through scratch rather than straight into C: writing C here would need
        // 16 more vector loads/adds inlined, which pushes C2 over its inlining node budget and
        // boxes the accumulators. The detour costs 2·MR·NR moves per 2·MR·NR·kc flops.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /** Writes (overwrite) or adds the valid {@code rows × cols} part of the tile into C. */
    private static void flush(double[] tile, double[] c, int ci, int ldc, boolean overwrite, int rows, int cols) {
        if (cols == NR) {
            for (int i = 0; i < rows; i++) {
                int o = ci + i * ldc;
                int t = i * NR;
                for (int j = 0; j < NR; j += L) {
                    DoubleVector v = DoubleVector.fromArray(S, tile, t + j);
                    if (!overwrite) {
                        v = v.add(DoubleVector.fromArray(S, c, o + j));
                    }
                    v.intoArray(c, o + j);
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = ci + i * ldc;
            int t = i * NR;
            if (overwrite) {
                for (int j = 0; j < cols; j++) {
                    c[o + j] = tile[t + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[o + j] += tile[t + j];
                }
            }
        }
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
