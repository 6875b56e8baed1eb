package io.hyperloom.search.optimize.cosyne;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registered names work end to end: cosyne with dct, and adam through the dct backward pass. */
class CosyneRunTest {

    private final Experiments experiments = new Experiments(Registry.load(), new Environment(Path.of("no-data")));

    private RunResult run(RunSpec spec) {
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            return experiments.run(spec, e, ProgressListener.NONE);
        }
    }

    @Test
    void cosyneWithDctSolvesXor() {
        RunResult r = run(RunSpec.of("xor", "dct", "cosyne", 1).withBudget(20_000)
                .withGenerator("dct", Map.of("coefficients", "4")));
        assertEquals(Boolean.TRUE, r.solved());
        assertTrue(r.evaluations() <= 20_000);
    }

    @Test
    void adamTrainsBoxesThroughTheDct() {
        RunResult r = run(RunSpec.of("boxes", "dct", "adam", 1).withBudget(40)
                .withTaskOptions(Map.of("test-trials", "0"))
                .withGenerator("dct", Map.of("coefficients", "64", "axes", "sheets")));
        assertEquals(64 + 121, r.thetaCount());
        assertTrue(r.curve().get(r.curve().size() - 1).best() >= r.curve().get(0).best());
    }
}
