package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.direct.DirectFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.optimize.continual.SequentialOptimizer;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.continual.ContinualImageTasks;
import io.hyperloom.search.task.continual.SyntheticTasks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task-conditioned hypernet under the sequential driver, on two conflicting synthetic tasks. */
class TaskHypernetContinualTest {

    private static Map<String, Double> run(ContinualImageTasks task, ParametricFamily family, double beta) {
        Search s = new Search(task, family, new LocalEvaluator(1), 3, 1000, Task.BudgetUnit.STEPS,
                ProgressListener.NONE);
        new SequentialOptimizer(0.003, 32, 0, beta, 0, false, 0.0).run(s);
        return s.reportedMetrics();
    }

    @Test
    void theRegularisedHypernetForgetsLessThanFineTuning() {
        ContinualImageTasks task = SyntheticTasks.conflicting(400, 200, 32);
        var layout = task.architecture().layout();
        Map<String, Double> direct = run(task, new DirectFamily(layout, Initialisation.HE, 0.1), 0.0);
        TaskHypernetFamily hyper = new TaskHypernetFamily(new TaskHypernetWeightGenerator(layout,
                TaskHypernetConfig.of(2, 8, 4, 64, new int[] {32}, Initialisation.HE)), 0.1);
        Map<String, Double> held = run(task, hyper, 0.05);
        assertTrue(direct.get("forgetting") > 0.5, "fine-tuning: " + direct);
        assertTrue(held.get("acc_after_0") > 0.85 && held.get("acc_after_1") > 0.85, "hypernet learns both: " + held);
        assertTrue(held.get("forgetting") < 0.1, "hypernet: " + held + "; fine-tuning: " + direct);
    }
}
