package io.hyperloom.search.kernel;

/**
 * The one seam through which every dense matrix product on the hot path goes: a BLAS-style
 * {@code dgemm} on row-major views into flat arrays.
 *
 * <p>Computes {@code C = op(A)·op(B) + beta·C} where {@code op(X)} is X or Xᵀ; {@code op(A)} is
 * {@code m × k}, {@code op(B)} is {@code k × n}, C is {@code m × n}. Each matrix is a view: element
 * (i, j) of a stored matrix X lies at {@code x[xOff + i·ldx + j]}. {@code beta} is 0 (overwrite,
 * C's old contents ignored, even NaN) or 1 (accumulate).
 *
 * <p>Arrays A and B are not modified; C is modified. Implementations are stateless or keep only
 * per-thread scratch, so one instance may be shared by threads. Every implementation must agree
 * with {@link PlainKernel}, its obviously-correct twin, up to rounding.
 */
public interface MatrixKernel {

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, int lda,
              double[] b, int bOff, int ldb,
              double beta, double[] c, int cOff, int ldc);

    /** A short name for benchmark output. */
    String name();

    /** The fastest kernel this JVM supports. */
    static MatrixKernel best() {
        return Kernels.best();
    }
}
