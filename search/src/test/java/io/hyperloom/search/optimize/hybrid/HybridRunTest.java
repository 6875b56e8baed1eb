package io.hyperloom.search.optimize.hybrid;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hybrid end to end with the parametric dct family (the cppn case runs in cli's matrix test). */
class HybridRunTest {

    private static RunResult run(RunSpec spec, int threads) {
        Experiments e = new Experiments(Registry.load(), new Environment(Path.of("no-data")));
        try (LocalEvaluator ev = new LocalEvaluator(threads)) {
            return e.run(spec, ev, ProgressListener.NONE);
        }
    }

    private static RunSpec xor(String inheritance) {
        return RunSpec.of("xor", "direct", "hybrid", 5).withBudget(24)
                .withOptimizer("hybrid", Map.of("population", "6", "steps", "5", "inheritance", inheritance));
    }

    @Test
    void countsEvaluationsAndGradientSteps() {
        RunResult r = run(xor("lamarckian"), 1);
        assertEquals(24, r.evaluations());
        assertEquals(24 * 5, r.gradientSteps());
        assertEquals(4, r.curve().size());
    }

    @Test
    void sameResultWhateverTheThreadCount() {
        assertEquals(run(xor("baldwinian"), 1).withoutTimings(), run(xor("baldwinian"), 2).withoutTimings());
    }

    @Test
    void lamarckianAndBaldwinianDifferAfterTheFirstGeneration() {
        RunResult l = run(xor("lamarckian"), 1);
        RunResult b = run(xor("baldwinian"), 1);
        RunResult lt = l.withoutTimings();
        RunResult bt = b.withoutTimings();
        assertEquals(lt.curve().get(0), bt.curve().get(0));
        assertNotEquals(lt.curve().subList(1, 4), bt.curve().subList(1, 4));
    }

    @Test
    void rejectsControlTasks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(RunSpec.of("single-pole", "direct", "hybrid", 1).withBudget(4), 1));
        assertTrue(e.getMessage().contains("no differentiable loss"), e.getMessage());
    }
}
