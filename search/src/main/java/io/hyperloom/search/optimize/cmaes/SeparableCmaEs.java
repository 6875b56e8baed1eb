package io.hyperloom.search.optimize.cmaes;

import java.util.random.RandomGenerator;

/**
 * sep-CMA-ES: CMA-ES with a diagonal covariance matrix, after Ros &amp; Hansen, "A Simple
 * Modification in CMA-ES Achieving Linear Time and Space Complexity" (PPSN 2008). C = D² is
 * learned coordinate-wise with the same rank-one and rank-μ rules as {@link CmaEs}, restricted to
 * the diagonal, and since a diagonal has only n degrees of freedom, the learning rates c_1 and c_μ
 * are raised by the factor (n + 2)/3. O(n) time per sample and O(λn) memory: fit for θ of 10⁴–10⁵.
 * It learns axis-parallel scalings only; on rotated, ill-conditioned problems {@link CmaEs} wins.
 *
 * <p>Run-scoped mutable state; not thread-safe. See {@link EvolutionStrategy} for the protocol.
 */
public final class SeparableCmaEs extends AbstractCmaEs {

    /** The diagonal of C. */
    private final double[] c;
    /** d_i = √C_ii, the per-coordinate standard deviations used by the current generation. */
    private final double[] d;

    /**
     * @param mean0  the initial mean; not modified
     * @param sigma0 the initial step size
     * @param lambda the population size (≥ 2), or 0 for 4 + ⌊3 ln n⌋
     * @param rng    the source of every sample; used from the calling thread only
     * @throws IllegalArgumentException for an empty or non-finite mean, σ₀ ≤ 0, or λ = 1
     */
    public SeparableCmaEs(double[] mean0, double sigma0, int lambda, RandomGenerator rng) {
        this(mean0, sigma0, lambda, rng, StopTolerances.DEFAULT);
    }

    public SeparableCmaEs(double[] mean0, double sigma0, int lambda, RandomGenerator rng, StopTolerances tolerances) {
        super(mean0, sigma0, lambda, rng, tolerances, (mean0.length + 2) / 3.0);
        c = new double[n];
        d = new double[n];
        java.util.Arrays.fill(c, 1.0);
        java.util.Arrays.fill(d, 1.0);
    }

    @Override
    void sample(int k) {
        double[] zk = z[k];
        double[] xk = x[k];
        for (int i = 0; i < n; i++) {
            xk[i] = mean[i] + sigma * d[i] * zk[i];    // x = m + σ·D·z; y = D·z is recomputed in tell
        }
    }

    @Override
    void weightedSteps() {
        java.util.Arrays.fill(whitened, 0.0);
        for (int r = 0; r < mu; r++) {
            double w = weights[r];
            double[] zk = z[order[r]];
            for (int i = 0; i < n; i++) {
                whitened[i] += w * zk[i];              // C^{-1/2}⟨y⟩_w = ⟨z⟩_w
            }
        }
        for (int i = 0; i < n; i++) {
            yw[i] = d[i] * whitened[i];                // ⟨y⟩_w = D·⟨z⟩_w
        }
    }

    @Override
    void adaptCovariance(boolean hsig) {
        // C_ii ← a·C_ii + c1·pc_i² + cμ·Σ w_r·(d_i z_r,i)², a = 1 − c1 − cμ + c1·(1 − hσ)·cc(2 − cc)
        double a = 1 - c1 - cmu + (hsig ? 0.0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++) {
            c[i] = a * c[i] + c1 * pc[i] * pc[i];
        }
        for (int r = 0; r < mu; r++) {
            double[] zk = z[order[r]];
            double w = cmu * weights[r];
            for (int i = 0; i < n; i++) {
                double yi = d[i] * zk[i];
                c[i] += w * yi * yi;
            }
        }
    }

    @Override
    void afterUpdate() {
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(c[i]);
        }
    }

    @Override
    double variance(int i) {
        return c[i];
    }

    @Override
    double maxEigenvalue() {
        double max = 0;
        for (double v : c) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Override
    double conditionNumber() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : c) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 ? max / min : Double.POSITIVE_INFINITY;
    }

    @Override
    boolean noEffectAxis() {
        return false;                                  // the axes are the coordinates: NO_EFFECT_COORD covers them
    }
}
