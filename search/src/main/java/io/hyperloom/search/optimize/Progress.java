package io.hyperloom.search.optimize;

/**
 * A progress report: after each generation (evolution) or monitoring point (gradient).
 *
 * @param done   budget used so far, in the optimizer's unit
 * @param budget the whole budget in that unit
 */
public record Progress(long evaluations, long steps, double seconds, double best, double mean,
                       long done, long budget, String unit) {
}
