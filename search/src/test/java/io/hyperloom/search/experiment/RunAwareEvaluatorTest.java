package io.hyperloom.search.experiment;

import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.FitnessFunction;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Score;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunAwareEvaluatorTest {

    private final Experiments experiments = new Experiments(Registry.load(), new Environment(Path.of("no-data")));

    /** Hands out a per-run view that records the run and reports its own failure count. */
    private static final class Recording implements RunAwareEvaluator {
        final LocalEvaluator local = new LocalEvaluator(1);
        final List<Experiments.Built> runs = new ArrayList<>();

        @Override
        public Evaluator forRun(Experiments.Built run) {
            runs.add(run);
            return new Evaluator() {
                @Override
                public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds) {
                    return local.evaluate(function, candidates, seeds);
                }

                @Override
                public int parallelism() {
                    return 1;
                }

                @Override
                public long failures() {
                    return 42;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds) {
            throw new AssertionError("the run must use the per-run view");
        }

        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public void close() {
            local.close();
        }
    }

    @Test
    void theRunIsEvaluatedThroughTheViewOfItsResolvedSpec() {
        RunSpec spec = RunSpec.of("xor", "direct", "cmaes", 3).withBudget(40);
        try (Recording evaluator = new Recording()) {
            RunResult r = experiments.run(spec, evaluator, p -> { });
            assertEquals(1, evaluator.runs.size());
            assertEquals(r.spec(), evaluator.runs.get(0).spec());
            assertEquals(42, r.failures(), "failures come from the run's view");
        }
    }
}
