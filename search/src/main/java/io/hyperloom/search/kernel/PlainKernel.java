package io.hyperloom.search.kernel;

/**
 * The obviously-correct twin of every {@link MatrixKernel}: a triple loop that reads the
 * definition, with the i-k-j order where no operand is transposed so it is not hopelessly slow.
 */
public final class PlainKernel implements MatrixKernel {

    public static final PlainKernel INSTANCE = new PlainKernel();

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        checkBeta(beta);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            }
            if (!transA && !transB) {
                for (int p = 0; p < k; p++) {
                    double aip = a[aOff + i * lda + p];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j]; // C[i,j] += A[i,p]·B[p,j]
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        s += av * bv;
                    }
                    c[ci + j] += s;
                }
            }
        }
    }

    static void checkBeta(double beta) {
        if (beta != 0.0 && beta != 1.0) {
            throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
