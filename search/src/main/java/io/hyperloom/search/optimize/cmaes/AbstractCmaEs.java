package io.hyperloom.search.optimize.cmaes;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What full and separable CMA-ES share: the strategy parameters of Hansen's tutorial (2016,
 * table 1), sampling of z ~ N(0, I), ranking, the mean and both evolution paths, cumulative
 * step-size adaptation and the stop conditions. Subclasses own the covariance model: how z becomes
 * a step y ~ N(0, C), and how C learns.
 *
 * <p>How one generation works (Hansen's tutorial, section 4 and appendix A):
 * <ol>
 *   <li>ask: z_k ~ N(0, I), y_k = B·D·z_k, x_k = m + σ·y_k for k = 1..λ;</li>
 *   <li>tell: rank by fitness; ⟨y⟩_w = Σ_{i≤μ} w_i y_{i:λ}, and m ← m + σ·⟨y⟩_w;</li>
 *   <li>p_σ ← (1 − c_σ)·p_σ + √(c_σ(2 − c_σ)μ_eff)·C^{-1/2}⟨y⟩_w, where C^{-1/2}⟨y⟩_w = B·⟨z⟩_w;</li>
 *   <li>h_σ = 1 if ‖p_σ‖/√(1 − (1 − c_σ)^{2(g+1)}) &lt; (1.4 + 2/(n + 1))·E‖N(0, I)‖, else 0;
 *       p_c ← (1 − c_c)·p_c + h_σ·√(c_c(2 − c_c)μ_eff)·⟨y⟩_w;</li>
 *   <li>C ← (1 − c_1 − c_μ)·C + c_1·(p_c p_cᵀ + (1 − h_σ)c_c(2 − c_c)·C) + c_μ·Σ w_i y_{i:λ} y_{i:λ}ᵀ
 *       (rank-one plus rank-μ update, in the subclass);</li>
 *   <li>σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0, I)‖ − 1)), the exponent capped at 1 as pycma does.</li>
 * </ol>
 */
abstract class AbstractCmaEs implements EvolutionStrategy {

    final int n;
    final int lambda;
    final int mu;
    /** Recombination weights w_1 ≥ … ≥ w_μ &gt; 0, summing to 1. */
    final double[] weights;
    final double mueff;
    final double cc;
    final double cs;
    final double c1;
    final double cmu;
    final double damps;
    /** E‖N(0, I)‖ ≈ √n·(1 − 1/(4n) + 1/(21n²)). */
    final double chiN;

    private final RandomGenerator rng;
    private final StopTolerances tolerances;
    final double sigma0;

    final double[] mean;
    final double[] ps;
    final double[] pc;
    double sigma;

    /** The candidates handed out by {@link #ask}: x_k = m + σ·y_k. */
    final double[][] x;
    /** The standard normal draws z_k behind the candidates. */
    final double[][] z;
    /** Candidate indices, best first, after {@link #tell}. */
    final int[] order;

    /** Scratch: ⟨y⟩_w and C^{-1/2}⟨y⟩_w. */
    final double[] yw;
    final double[] whitened;

    /** Best fitness of the last {@link #historyLength} generations (a ring buffer). */
    private final double[] history;
    private int historyCount;

    /** Best and median fitness of the last {@link #STAGNATION_CAP} generations (ring buffers). */
    private final double[] bestHistory = new double[STAGNATION_CAP];
    private final double[] medianHistory = new double[STAGNATION_CAP];
    private static final int STAGNATION_CAP = 20_000;

    private long generation;
    private boolean asked;
    private StopCondition stop;

    /**
     * @param mean0          the initial mean; not modified
     * @param sigma0         the initial step size, &gt; 0
     * @param lambda         the population size, ≥ 2, or 0 for 4 + ⌊3 ln n⌋
     * @param covarianceRate multiplies c_1 and c_μ (1 for the full model, (n + 2)/3 for the separable one)
     */
    AbstractCmaEs(double[] mean0, double sigma0, int lambda, RandomGenerator rng, StopTolerances tolerances,
                  double covarianceRate) {
        Objects.requireNonNull(mean0, "mean0");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
        n = mean0.length;
        if (n < 1) {
            throw new IllegalArgumentException("the dimension must be >= 1, got " + n);
        }
        for (double v : mean0) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the initial mean must be finite, got " + v);
            }
        }
        if (!(sigma0 > 0) || !Double.isFinite(sigma0)) {
            throw new IllegalArgumentException("sigma0 must be finite and > 0, got " + sigma0);
        }
        if (lambda != 0 && lambda < 2) {
            throw new IllegalArgumentException("lambda must be >= 2 (or 0 for the default), got " + lambda);
        }
        this.lambda = lambda == 0 ? defaultLambda(n) : lambda;
        this.mu = this.lambda / 2;
        this.sigma0 = sigma0;

        // w'_i = ln(μ + 1/2) − ln i, normalised to sum 1
        weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sum += weights[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        mueff = 1.0 / sumSq;

        cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        cs = (mueff + 2) / (n + mueff + 5);
        double c1Full = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmuFull = Math.min(1 - c1Full, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        c1 = Math.min(1, c1Full * covarianceRate);
        cmu = Math.min(1 - c1, cmuFull * covarianceRate);
        damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        mean = mean0.clone();
        ps = new double[n];
        pc = new double[n];
        sigma = sigma0;
        x = new double[this.lambda][n];
        z = new double[this.lambda][n];
        order = new int[this.lambda];
        yw = new double[n];
        whitened = new double[n];
        history = new double[historyLength(n, this.lambda)];
    }

    /** Hansen's default population size 4 + ⌊3 ln n⌋. */
    static int defaultLambda(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    /** 10 + ⌈30n/λ⌉ generations, as in {@code cmaes.m}. */
    private static int historyLength(int n, int lambda) {
        return 10 + (int) Math.ceil(30.0 * n / lambda);
    }

    @Override
    public final int dimension() {
        return n;
    }

    @Override
    public final int lambda() {
        return lambda;
    }

    @Override
    public final double[][] ask() {
        if (asked) {
            throw new IllegalStateException("ask() called twice without tell()");
        }
        for (int k = 0; k < lambda; k++) {
            double[] zk = z[k];
            for (int i = 0; i < n; i++) {
                zk[i] = rng.nextGaussian();
            }
            sample(k);
        }
        asked = true;
        return x;
    }

    @Override
    public final void tell(double[] fitness) {
        if (!asked) {
            throw new IllegalStateException("tell() without a preceding ask()");
        }
        if (fitness.length != lambda) {
            throw new IllegalArgumentException("expected " + lambda + " fitness values, got " + fitness.length);
        }
        asked = false;
        rank(fitness);

        weightedSteps();                       // yw = ⟨y⟩_w, whitened = C^{-1/2}⟨y⟩_w
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * yw[i];          // m ← m + σ⟨y⟩_w
        }
        double csFactor = Math.sqrt(cs * (2 - cs) * mueff);
        double psNormSq = 0;
        for (int i = 0; i < n; i++) {
            ps[i] = (1 - cs) * ps[i] + csFactor * whitened[i];
            psNormSq += ps[i] * ps[i];
        }
        double psNorm = Math.sqrt(psNormSq);
        generation++;
        double correction = Math.sqrt(1 - Math.pow(1 - cs, 2.0 * generation));
        boolean hsig = psNorm / correction / chiN < 1.4 + 2.0 / (n + 1);
        double ccFactor = hsig ? Math.sqrt(cc * (2 - cc) * mueff) : 0.0;
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + ccFactor * yw[i];
        }
        adaptCovariance(hsig);
        sigma *= Math.exp(Math.min(1.0, (cs / damps) * (psNorm / chiN - 1)));
        afterUpdate();

        double best = fitness[order[0]];
        history[(int) ((generation - 1) % history.length)] = best;
        int slot = (int) ((generation - 1) % STAGNATION_CAP);
        bestHistory[slot] = key(best);
        medianHistory[slot] = key(fitness[order[lambda / 2]]);
        historyCount = Math.min(historyCount + 1, history.length);
        stop = checkStop(fitness);
    }

    /** Fills {@link #order} with candidate indices, best first; NaN ranks worst, ties keep index order. */
    private void rank(double[] fitness) {
        Integer[] idx = new Integer[lambda];
        for (int k = 0; k < lambda; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(key(fitness[b]), key(fitness[a])));
        for (int k = 0; k < lambda; k++) {
            order[k] = idx[k];
        }
    }

    private static double key(double f) {
        return Double.isNaN(f) ? Double.NEGATIVE_INFINITY : f;
    }

    private StopCondition checkStop(double[] fitness) {
        double maxStd = Math.sqrt(maxEigenvalue());
        if (!Double.isFinite(sigma) || !Double.isFinite(maxStd)
                || sigma / sigma0 > tolerances.tolUpSigma() * maxStd) {
            return StopCondition.TOL_UP_SIGMA;
        }
        double condition = conditionNumber();
        if (!(condition <= tolerances.maxCondition())) {
            return StopCondition.CONDITION_COV;
        }
        boolean small = true;
        for (int i = 0; i < n && small; i++) {
            small = sigma * Math.max(Math.abs(pc[i]), Math.sqrt(variance(i))) < tolerances.tolX() * sigma0;
        }
        if (small) {
            return StopCondition.TOL_X;
        }
        if (historyCount == history.length) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double f : history) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
            for (double f : fitness) {
                if (!Double.isNaN(f)) {
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
            }
            if (hi - lo < tolerances.tolFun()) {
                return StopCondition.TOL_FUN;
            }
        }
        for (int i = 0; i < n; i++) {
            if (mean[i] == mean[i] + 0.2 * sigma * Math.sqrt(variance(i))) {
                return StopCondition.NO_EFFECT_COORD;
            }
        }
        if (noEffectAxis()) {
            return StopCondition.NO_EFFECT_AXIS;
        }
        if (tolerances.tolStagnation() && stagnated()) {
            return StopCondition.TOL_STAGNATION;
        }
        return null;
    }

    /**
     * Hansen's TolStagnation: a window of the last max(120 + ⌈30n/λ⌉, ⌈0.2·g⌉) generations (at
     * most 20,000); stagnated when, for both the best and the median history, the median of the
     * window's most recent 30% is not better than the median of its first 30%.
     */
    private boolean stagnated() {
        long window = Math.min(STAGNATION_CAP, Math.max(120 + (long) Math.ceil(30.0 * n / lambda),
                (long) Math.ceil(0.2 * generation)));
        if (generation < window) {
            return false;
        }
        int part = (int) Math.ceil(0.3 * window);
        long first = generation - window;       // generation index (0-based) of the window's oldest entry
        return !(median(bestHistory, generation - part, part) > median(bestHistory, first, part))
                && !(median(medianHistory, generation - part, part) > median(medianHistory, first, part));
    }

    /** The median of {@code count} ring entries from 0-based generation {@code from}. */
    private static double median(double[] ring, long from, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = ring[(int) ((from + i) % ring.length)];
        }
        Arrays.sort(v);
        return count % 2 == 1 ? v[count / 2] : 0.5 * (v[count / 2 - 1] + v[count / 2]);
    }

    /** From z[k] (just drawn), computes the step y_k ~ N(0, C) wherever it keeps it, and x[k] = m + σ·y_k. */
    abstract void sample(int k);

    /** Fills {@link #yw} with ⟨y⟩_w and {@link #whitened} with C^{-1/2}⟨y⟩_w over the ranked candidates. */
    abstract void weightedSteps();

    /** The rank-one and rank-μ update of C (before σ changes; p_c already updated). */
    abstract void adaptCovariance(boolean hsig);

    /** After σ has been updated: refresh the factorisation of C if due. */
    abstract void afterUpdate();

    /** C_ii. */
    abstract double variance(int i);

    abstract double maxEigenvalue();

    /** Largest over smallest eigenvalue of C (of its last factorisation); infinite if not positive definite. */
    abstract double conditionNumber();

    /** Whether one principal axis (cycled through by generation) no longer moves the mean. */
    abstract boolean noEffectAxis();

    @Override
    public final double[] mean() {
        return mean.clone();
    }

    @Override
    public final double sigma() {
        return sigma;
    }

    @Override
    public final long generation() {
        return generation;
    }

    @Override
    public final Optional<StopCondition> stopCondition() {
        return Optional.ofNullable(stop);
    }

    /** μ, the number of parents. */
    public final int mu() {
        return mu;
    }

    /** μ_eff = 1/Σw_i², the variance-effective selection mass. */
    public final double mueff() {
        return mueff;
    }
}
