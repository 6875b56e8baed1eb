package io.hyperloom.cppn.evolve;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DPPN (cppn + hybrid) under hybrid.max-theta: no candidate past the cap of CPPN weights is scored. */
class DppnCapTest {

    private static RunResult run(int budget, int cap) {
        Map<String, String> o = new HashMap<>(Map.of("population", "6", "steps", "2", "max-theta", Integer.toString(cap)));
        RunSpec spec = RunSpec.of("xor", "cppn", "hybrid", 3).withBudget(budget)
                .withGenerator("cppn", Map.of("expression", "none"))
                .withOptimizer("hybrid", o);
        Experiments e = new Experiments(Registry.load(), new Environment(Path.of("no-data")));
        try (LocalEvaluator ev = new LocalEvaluator(1)) {
            return e.run(spec, ev, ProgressListener.NONE);
        }
    }

    @Test
    void capAtTheInitialSizeKeepsEveryScoredCandidateAtIt() {
        int initial = (int) run(6, 0).thetaCount();
        RunResult capped = run(60, initial);
        // uncapped, grown offspring are scored: the run differs (the cap did work)
        assertNotEquals(run(60, 0).withoutTimings().curve(), capped.withoutTimings().curve());
        assertEquals(60, capped.evaluations());
        assertTrue(capped.thetaCount() <= initial, "|θ| " + capped.thetaCount() + " > cap " + initial);
    }

    @Test
    void capBelowTheInitialGenomeIsRejected() {
        int initial = (int) run(6, 0).thetaCount();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> run(6, initial - 1));
        assertTrue(x.getMessage().contains("max-theta"), x.getMessage());
    }
}
