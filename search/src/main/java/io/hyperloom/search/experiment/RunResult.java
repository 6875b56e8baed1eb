package io.hyperloom.search.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.search.optimize.CurvePoint;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one finished run, one JSON object per line of a results file. Every figure a
 * report shows comes from here.
 *
 * @param specHash     SHA-256 of the canonical spec's JSON; a rerun skips specs already recorded
 * @param thetaCount   |θ| (for evolved topologies, the best genome's)
 * @param thetaParts   |θ| split by role (e.g. hypernet vs embeddings)
 * @param weightCount  |W|
 * @param compression  |W| / |θ|
 * @param solved       whether the best solved the task, or null where the task has no criterion
 * @param solvedAt     for a solved run, the evaluations up to and including the first solving candidate, counted
 *                     as a sequential evaluator would (evaluations before its batch plus its 1-based position in
 *                     the batch; NEAT's "evaluations to solve"); null for an unsolved run and in records written
 *                     before the field existed (see {@link #evaluationsToSolve})
 * @param bestFitness  the best fitness found
 * @param metrics      the best candidate's final metrics (held-out tests included)
 * @param stopReason   why the run ended early (diverged, …), or null
 * @param failures     evaluations that threw and were scored worst
 * @param best         the best genome: {@code {"theta": base64}} or a family's own JSON
 * @param versions     hyperloom and Java versions
 */
public record RunResult(String task, String generator, String optimizer, long seed, RunSpec spec, String specHash,
                        long thetaCount, Map<String, Integer> thetaParts, long weightCount, double compression,
                        long evaluations, long gradientSteps, long examples, double wallSeconds,
                        Boolean solved, Long solvedAt, double bestFitness, Map<String, Double> metrics,
                        List<CurvePoint> curve, String stopReason, long failures, JsonNode best,
                        Map<String, String> versions) {

    public RunResult {
        Objects.requireNonNull(spec, "spec");
        thetaParts = Map.copyOf(thetaParts);
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
        curve = List.copyOf(curve);
        versions = Map.copyOf(versions);
        if (solvedAt != null && (!Boolean.TRUE.equals(solved) || solvedAt < 1 || solvedAt > evaluations)) {
            throw new IllegalArgumentException("solved_at must be null or in 1.." + evaluations
                    + " (the evaluations) for a solved run; got " + solvedAt + " with solved = " + solved);
        }
    }

    /** A record without {@code solvedAt}, as written before the field existed. */
    public RunResult(String task, String generator, String optimizer, long seed, RunSpec spec, String specHash,
                     long thetaCount, Map<String, Integer> thetaParts, long weightCount, double compression,
                     long evaluations, long gradientSteps, long examples, double wallSeconds,
                     Boolean solved, double bestFitness, Map<String, Double> metrics, List<CurvePoint> curve,
                     String stopReason, long failures, JsonNode best, Map<String, String> versions) {
        this(task, generator, optimizer, seed, spec, specHash, thetaCount, thetaParts, weightCount, compression,
                evaluations, gradientSteps, examples, wallSeconds, solved, null, bestFitness, metrics, curve,
                stopReason, failures, best, versions);
    }

    /**
     * The evaluations this run needed to solve the task: {@link #solvedAt} where recorded, else (older
     * records) the evaluations spent, which count the solving batch whole.
     */
    public long evaluationsToSolve() {
        return solvedAt != null ? solvedAt : evaluations;
    }

    /** The same record with every timing zeroed: what must be equal across thread counts. */
    public RunResult withoutTimings() {
        return new RunResult(task, generator, optimizer, seed, spec, specHash, thetaCount, thetaParts, weightCount,
                compression, evaluations, gradientSteps, examples, 0.0, solved, solvedAt, bestFitness, metrics,
                curve.stream().map(CurvePoint::withoutTime).toList(), stopReason, failures, best, versions);
    }
}
