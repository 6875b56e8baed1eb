package io.hyperloom.cppn.evolve;

import io.hyperloom.cppn.substrate.CppnFamily;
import io.hyperloom.cppn.substrate.SubstrateConfig;
import io.hyperloom.search.optimize.CurvePoint;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.boxes.BoxesTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperNeatBoxesTest {

    @Test
    void runsAFewGenerationsWithoutLosingFitness() {
        Task task = new BoxesTask(11, 0);
        CppnFamily family = new CppnFamily(task.architecture().layout(), SubstrateConfig.defaults());
        try (LocalEvaluator ev = new LocalEvaluator(1)) {
            Search s = new Search(task, family, ev, 7, 120, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
            new NeatOptimizer(NeatParameters.DEFAULTS.withPopulation(20)).run(s);
            List<CurvePoint> curve = s.curve();
            assertEquals(6, curve.size());
            for (int i = 1; i < curve.size(); i++) {
                assertTrue(curve.get(i).best() >= curve.get(i - 1).best());
            }
            assertTrue(curve.get(curve.size() - 1).best() > 0);
            assertEquals(120, s.evaluations());
        }
    }
}
