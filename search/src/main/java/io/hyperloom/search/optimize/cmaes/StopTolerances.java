package io.hyperloom.search.optimize.cmaes;

/**
 * The thresholds of the {@link StopCondition}s.
 *
 * @param tolX         relative to the initial σ₀: stop when σ·max(|p_c,i|, √C_ii) &lt; tolX·σ₀ for all i
 * @param tolFun       absolute, in fitness units (see {@link StopCondition#TOL_FUN})
 * @param maxCondition the largest condition number of C before stopping
 * @param tolUpSigma   stop when σ/σ₀ &gt; tolUpSigma·√(largest eigenvalue of C)
 * @param tolStagnation whether {@link StopCondition#TOL_STAGNATION} is checked
 */
public record StopTolerances(double tolX, double tolFun, double maxCondition, double tolUpSigma,
                             boolean tolStagnation) {

    /** Hansen's defaults: tolX 1e-12 (relative), tolFun 1e-12, condition 1e14, tolUpSigma 1e20, TolStagnation on. */
    public static final StopTolerances DEFAULT = new StopTolerances(1e-12, 1e-12, 1e14, 1e20, true);

    /** These tolerances with another tolX (relative to σ₀). */
    public StopTolerances withTolX(double tolX) {
        return new StopTolerances(tolX, tolFun, maxCondition, tolUpSigma, tolStagnation);
    }

    /** These tolerances with TolStagnation on or off. */
    public StopTolerances withStagnation(boolean on) {
        return new StopTolerances(tolX, tolFun, maxCondition, tolUpSigma, on);
    }

    public StopTolerances {
        if (!(tolX >= 0) || !(tolFun >= 0)) {
            throw new IllegalArgumentException("tolX and tolFun must be >= 0, got " + tolX + " and " + tolFun);
        }
        if (!(maxCondition > 1) || !(tolUpSigma > 1)) {
            throw new IllegalArgumentException("maxCondition and tolUpSigma must be > 1, got "
                    + maxCondition + " and " + tolUpSigma);
        }
    }
}
