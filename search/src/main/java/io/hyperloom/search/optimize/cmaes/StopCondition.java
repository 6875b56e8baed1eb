package io.hyperloom.search.optimize.cmaes;

/**
 * Why a CMA-ES stopped, after Hansen's reference implementations ({@code cmaes.m}, pycma). The
 * thresholds are in {@link StopTolerances}.
 */
public enum StopCondition {
    /** Every coordinate's standard deviation and evolution-path entry is below tolX·σ₀. */
    TOL_X,
    /** The best fitness of the recent generations and all of this generation's lie within tolFun. */
    TOL_FUN,
    /** The covariance matrix's condition number exceeds its limit (or it lost positive definiteness). */
    CONDITION_COV,
    /** Adding 0.2 standard deviations to some coordinate of the mean no longer changes it. */
    NO_EFFECT_COORD,
    /** Adding 0.1 standard deviations along a principal axis no longer changes the mean. */
    NO_EFFECT_AXIS,
    /** σ grew by more than tolUpSigma times the largest standard deviation: the search diverges. */
    TOL_UP_SIGMA,
    /**
     * Neither the best nor the median fitness of the generations improved over a long window
     * (Hansen 2009, BIPOP-CMA-ES): over the last 20% of the generations, at least 120 + 30n/λ
     * and at most 20,000, the median of the most recent 30% of both histories is no better than
     * the median of the first 30%. It ends runs that crawl on a plateau, where the other
     * conditions never fire because the candidates' fitness still differs.
     */
    TOL_STAGNATION
}
