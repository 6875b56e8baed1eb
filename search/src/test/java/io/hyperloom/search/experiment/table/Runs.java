package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.CurvePoint;

import java.util.List;
import java.util.Map;

/** Synthetic run records for table and report tests: known scores, two-point curves. */
public final class Runs {

    private Runs() {
    }

    /**
     * A boxes run whose final hit_rate is {@code score}, mean_distance {@code 1 − score}, with a
     * curve that carries hit_rate = score/2 at 100 evaluations and score at 200.
     */
    public static RunResult run(String generator, Map<String, String> generatorOptions, String optimizer, long seed,
                                double score) {
        RunSpec spec = new RunSpec("boxes", Map.of("size", "11"), generator, generatorOptions, optimizer,
                Map.of("population", "20"), 200, seed);
        long theta = generator.equals("direct") ? 14762 : Long.parseLong(generatorOptions.getOrDefault("coefficients", "8")) * 2;
        List<CurvePoint> curve = List.of(
                new CurvePoint(100, 0, 0.5, score * 5, score * 2, Map.of("hit_rate", score / 2)),
                new CurvePoint(200, 0, 1.0 + seed, score * 10, score * 5, Map.of("hit_rate", score)));
        return new RunResult("boxes", generator, optimizer, seed, spec, Experiments.hash(spec), theta,
                Map.of("theta", (int) theta), 14762, 14762.0 / theta, 200, 0, 0, 1.0 + seed, null, score * 10,
                Map.of("hit_rate", score, "mean_distance", 1 - score), curve, null, 0, null,
                Map.of("hyperloom", "test", "java", "21"));
    }

    /** A run like {@link #run} that used {@code evaluations} evaluations and did or did not solve the task. */
    public static RunResult solving(String generator, long seed, long evaluations, boolean solved) {
        RunResult r = run(generator, Map.of(), "cmaes", seed, solved ? 1.0 : 0.1);
        return new RunResult(r.task(), r.generator(), r.optimizer(), r.seed(), r.spec(), r.specHash(), r.thetaCount(),
                r.thetaParts(), r.weightCount(), r.compression(), evaluations, 0, 0, r.wallSeconds(), solved,
                r.bestFitness(), r.metrics(), r.curve(), null, 0, null, r.versions());
    }

    /** A solved run like {@link #solving} whose first solving candidate was evaluation {@code solvedAt}. */
    public static RunResult solvedAt(String generator, long seed, long evaluations, long solvedAt) {
        RunResult r = solving(generator, seed, evaluations, true);
        return new RunResult(r.task(), r.generator(), r.optimizer(), r.seed(), r.spec(), r.specHash(), r.thetaCount(),
                r.thetaParts(), r.weightCount(), r.compression(), evaluations, 0, 0, r.wallSeconds(), true, solvedAt,
                r.bestFitness(), r.metrics(), r.curve(), null, 0, null, r.versions());
    }
}
