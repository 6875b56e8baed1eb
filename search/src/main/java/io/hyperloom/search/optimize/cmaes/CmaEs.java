package io.hyperloom.search.optimize.cmaes;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.random.RandomGenerator;

/**
 * CMA-ES with a full covariance matrix, following Hansen, "The CMA Evolution Strategy: A Tutorial"
 * (2016): default λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, logarithmic weights, rank-one plus rank-μ update with
 * h_σ stalling, cumulative step-size adaptation (the steps are listed in {@link AbstractCmaEs}).
 * O(n²) time per sample and O(λn + n²) memory; for n beyond a few thousand use {@link SeparableCmaEs}.
 *
 * <p>C = B·D²·Bᵀ is decomposed (EJML's symmetric eigen decomposition, O(n³)) lazily, once the
 * evaluations since the last decomposition exceed λ/((c_1 + c_μ)·n·10), as in {@code purecmaes.m};
 * between decompositions samples use the last B and D, which keeps the cost per sample O(n²).
 *
 * <p>Run-scoped mutable state; not thread-safe. See {@link EvolutionStrategy} for the protocol.
 */
public final class CmaEs extends AbstractCmaEs {

    /** C, row-major; only the upper triangle (j ≥ i) is maintained, the lower is filled before decomposing. */
    private final double[] c;
    /** Eigenvectors of C in columns, row-major: B[i·n + k] is component i of axis k. */
    private final double[] b;
    /** Square roots of the eigenvalues of C. */
    private final double[] d;
    /** The steps y_k = B·D·z_k of the current generation. */
    private final double[][] y;
    private final double[] scratch;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;
    private final DMatrixRMaj cMatrix;
    private long evaluationsAtDecomposition;
    private double condition = 1.0;

    /**
     * A search starting at {@code mean0} with C = I.
     *
     * @param mean0  the initial mean; not modified
     * @param sigma0 the initial step size (about a quarter of the width of the region to search)
     * @param lambda the population size (≥ 2), or 0 for 4 + ⌊3 ln n⌋
     * @param rng    the source of every sample; used from the calling thread only
     * @throws IllegalArgumentException for an empty or non-finite mean, σ₀ ≤ 0, or λ = 1
     */
    public CmaEs(double[] mean0, double sigma0, int lambda, RandomGenerator rng) {
        this(mean0, sigma0, lambda, rng, StopTolerances.DEFAULT);
    }

    public CmaEs(double[] mean0, double sigma0, int lambda, RandomGenerator rng, StopTolerances tolerances) {
        super(mean0, sigma0, lambda, rng, tolerances, 1.0);
        c = new double[n * n];
        b = new double[n * n];
        d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i * n + i] = 1.0;
            b[i * n + i] = 1.0;
            d[i] = 1.0;
        }
        y = new double[this.lambda][n];
        scratch = new double[n];
        eigen = DecompositionFactory_DDRM.eig(n, true, true);
        cMatrix = new DMatrixRMaj(n, n);
    }

    @Override
    void sample(int k) {
        double[] zk = z[k];
        double[] yk = y[k];
        double[] xk = x[k];
        for (int j = 0; j < n; j++) {
            scratch[j] = d[j] * zk[j];
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += b[row + j] * scratch[j];      // y = B·(D∘z)
            }
            yk[i] = s;
            xk[i] = mean[i] + sigma * s;
        }
    }

    @Override
    void weightedSteps() {
        java.util.Arrays.fill(yw, 0.0);
        java.util.Arrays.fill(scratch, 0.0);
        for (int r = 0; r < mu; r++) {
            double w = weights[r];
            double[] yk = y[order[r]];
            double[] zk = z[order[r]];
            for (int i = 0; i < n; i++) {
                yw[i] += w * yk[i];
                scratch[i] += w * zk[i];           // ⟨z⟩_w
            }
        }
        // C^{-1/2}⟨y⟩_w = B·D⁻¹·Bᵀ·B·D·⟨z⟩_w = B·⟨z⟩_w, valid because B and D are those used to sample
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += b[row + j] * scratch[j];
            }
            whitened[i] = s;
        }
    }

    @Override
    void adaptCovariance(boolean hsig) {
        // C ← a·C + c1·pc·pcᵀ + cμ·Σ w_r y_r y_rᵀ, with a = 1 − c1 − cμ + c1·(1 − hσ)·cc(2 − cc)
        double a = 1 - c1 - cmu + (hsig ? 0.0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double pci = c1 * pc[i];
            for (int j = i; j < n; j++) {
                c[row + j] = a * c[row + j] + pci * pc[j];
            }
        }
        for (int r = 0; r < mu; r++) {
            double[] yk = y[order[r]];
            double w = cmu * weights[r];
            for (int i = 0; i < n; i++) {
                int row = i * n;
                double wyi = w * yk[i];
                for (int j = i; j < n; j++) {
                    c[row + j] += wyi * yk[j];
                }
            }
        }
    }

    @Override
    void afterUpdate() {
        long evaluations = evaluations();
        if (evaluations - evaluationsAtDecomposition > lambda / ((c1 + cmu) * n * 10)) {
            decompose();
            evaluationsAtDecomposition = evaluations;
        }
    }

    /** B, D ← eigen decomposition of C (symmetrised from its upper triangle). */
    private void decompose() {
        double[] data = cMatrix.data;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                data[i * n + j] = c[i * n + j];
                data[j * n + i] = c[i * n + j];
            }
        }
        if (!eigen.decompose(cMatrix)) {
            condition = Double.POSITIVE_INFINITY;
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int k = 0; k < n; k++) {
            double ev = eigen.getEigenvalue(k).real;
            DMatrixRMaj v = eigen.getEigenVector(k);
            if (v == null || !Double.isFinite(ev)) {
                condition = Double.POSITIVE_INFINITY;
                return;
            }
            min = Math.min(min, ev);
            max = Math.max(max, ev);
            for (int i = 0; i < n; i++) {
                b[i * n + k] = v.data[i];
            }
            // a slightly negative eigenvalue is rounding; it ends the run through conditionNumber()
            d[k] = Math.sqrt(Math.max(ev, 0.0));
        }
        condition = min > 0 ? max / min : Double.POSITIVE_INFINITY;
    }

    @Override
    double variance(int i) {
        return c[i * n + i];
    }

    @Override
    double maxEigenvalue() {
        double max = 0;
        for (double v : d) {
            max = Math.max(max, v * v);
        }
        return max;
    }

    @Override
    double conditionNumber() {
        return condition;
    }

    @Override
    boolean noEffectAxis() {
        int k = (int) (generation() % n);
        double f = 0.1 * sigma * d[k];
        for (int i = 0; i < n; i++) {
            if (mean[i] != mean[i] + f * b[i * n + k]) {
                return false;
            }
        }
        return true;
    }
}
