package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.generator.ConditionalWeightGenerator;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.direct.DirectFamily;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.continual.ContinualImageTasks;
import io.hyperloom.search.task.continual.SyntheticTasks;
import io.hyperloom.search.task.xor.XorTask;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequentialOptimizerTest {

    private static final ContinualImageTasks CONFLICTING = SyntheticTasks.conflicting(400, 200, 32);
    private static final int STEPS = 500;

    private static Search run(ContinualImageTasks task, ParametricFamily family, SequentialOptimizer opt, long budget) {
        Search s = new Search(task, family, new LocalEvaluator(1), 5, budget, Task.BudgetUnit.STEPS,
                ProgressListener.NONE);
        opt.run(s);
        return s;
    }

    private static SequentialOptimizer sequential(double beta, boolean joint) {
        return new SequentialOptimizer(0.01, 32, 0, beta, 0, joint, 0.0);
    }

    @Test
    void metricsFollowTheAccuracyMatrix() {
        double[][] acc = {
                {0.9, 0, 0},
                {0.7, 0.8, 0},
                {0.5, 0.6, 0.95}};
        Map<String, Double> m = SequentialOptimizer.metrics(acc);
        assertEquals(0.9, m.get("acc_after_0"));
        assertEquals(0.8, m.get("acc_after_1"));
        assertEquals(0.95, m.get("acc_after_2"));
        assertEquals(0.5, m.get("acc_final_0"));
        assertEquals(0.6, m.get("acc_final_1"));
        assertEquals(0.95, m.get("acc_final_2"));
        assertEquals((0.9 + 0.8 + 0.95) / 3, m.get("mean_acc_after"), 1e-12);
        assertEquals((0.5 + 0.6 + 0.95) / 3, m.get("mean_acc_final"), 1e-12);
        assertEquals(((0.9 - 0.5) + (0.8 - 0.6)) / 2, m.get("forgetting"), 1e-12);
        assertEquals(0.0, SequentialOptimizer.metrics(new double[][] {{0.7}}).get("forgetting"));
    }

    @Test
    void fineTuningForgetsAConflictingTaskAndTheRecordSaysSo() {
        ParameterLayout layout = CONFLICTING.architecture().layout();
        Search s = run(CONFLICTING, new DirectFamily(layout, Initialisation.HE, 0.1), sequential(0, false), 2L * STEPS);
        Map<String, Double> m = s.reportedMetrics();
        assertEquals(2L * STEPS, s.steps());
        assertTrue(m.get("acc_after_0") > 0.85, "task 0 was learned: " + m);
        assertTrue(m.get("acc_after_1") > 0.85, "task 1 was learned: " + m);
        assertEquals(m.get("acc_after_1"), m.get("acc_final_1"), 0.0, "the last task's after is its final");
        assertEquals(m.get("acc_after_0") - m.get("acc_final_0"), m.get("forgetting"), 1e-12);
        assertTrue(m.get("forgetting") > 0.6, "flipped labels must be forgotten: " + m);
        assertEquals(m.get("mean_acc_final"), s.bestScore().fitness(), 0.0);
        assertEquals(3, s.evaluations(), "task 0 scored after task 0, both after task 1; nothing more");
    }

    @Test
    void theOutputRegulariserHoldsEarlierTasks() {
        ParameterLayout layout = CONFLICTING.architecture().layout();
        OffsetGenerator g = new OffsetGenerator(layout, 2);
        double fineTuned = run(CONFLICTING, new DirectFamily(layout, Initialisation.HE, 0.1), sequential(0, false),
                2L * STEPS).reportedMetrics().get("forgetting");
        double free = run(CONFLICTING, g.family(), sequential(0, false), 2L * STEPS).reportedMetrics().get("forgetting");
        Map<String, Double> held = run(CONFLICTING, g.family(), sequential(1.0, false), 2L * STEPS).reportedMetrics();
        assertTrue(held.get("acc_after_1") > 0.85, "the regularised run still learns task 1: " + held);
        assertTrue(held.get("forgetting") < free - 0.05, "forgetting " + held.get("forgetting")
                + " with the regulariser, " + free + " without");
        assertTrue(held.get("forgetting") < fineTuned - 0.4, "forgetting " + held.get("forgetting")
                + " with the regulariser, " + fineTuned + " fine-tuning one network");
    }

    @Test
    void jointTrainingHasNoSequence() {
        ParameterLayout layout = CONFLICTING.architecture().layout();
        Map<String, Double> m = run(CONFLICTING, new DirectFamily(layout, Initialisation.HE, 0.1), sequential(0, true),
                STEPS).reportedMetrics();
        assertEquals(0.0, m.get("forgetting"));
        assertEquals(m.get("acc_after_0"), m.get("acc_final_0"));
        // flipped labels on the same images: one shared network can do no better than chance on average
        assertEquals(0.5, m.get("mean_acc_final"), 0.1);
    }

    @Test
    void refusesWhatItCannotRun() {
        ParameterLayout layout = CONFLICTING.architecture().layout();
        SequentialOptimizer opt = sequential(0.01, false);
        DirectFamily direct = new DirectFamily(layout, Initialisation.HE, 0.1);
        assertTrue(opt.incompatibility(CONFLICTING, direct).isEmpty());
        assertTrue(opt.incompatibility(new XorTask(2), direct).isPresent());
        assertTrue(opt.incompatibility(CONFLICTING, new OffsetGenerator(layout, 1).family()).isPresent(),
                "one task embedding for two tasks");
        assertTrue(sequential(0.01, true).incompatibility(CONFLICTING, new OffsetGenerator(layout, 2).family())
                .isPresent(), "joint with a conditioned generator");
        assertThrows(IllegalArgumentException.class, () -> new SequentialOptimizer(0, 1, 0, 0.01, 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new SequentialOptimizer(0.1, 1, 0, -1, 0, false, 0));
    }

    @Test
    void regulariserGradientMatchesFiniteDifferences() {
        ParameterLayout layout = SyntheticTasks.mlp(3, 2).layout();
        ConditionalWeightGenerator g = new OffsetGenerator(layout, 4);
        SplittableRandom r = new SplittableRandom(9);
        double[] theta = new double[g.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.5 * r.nextGaussian();
        }
        OutputRegulariser reg = new OutputRegulariser(g, 0.3);
        reg.store(0, theta);
        reg.store(2, theta);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.2 * r.nextGaussian(); // move away from the stored targets
        }
        int[] held = {0, 2};
        double[] grad = new double[theta.length];
        double value = reg.addGradient(theta, held, grad);
        assertTrue(value > 0);
        double eps = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + eps;
            double up = reg.addGradient(theta, held, new double[theta.length]);
            theta[i] = keep - eps;
            double down = reg.addGradient(theta, held, new double[theta.length]);
            theta[i] = keep;
            double fd = (up - down) / (2 * eps);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "dR/dθ[" + i + "]");
        }
        assertEquals(0.0, reg.addGradient(theta, new int[0], grad));
        assertThrows(IllegalArgumentException.class, () -> reg.addGradient(theta, new int[] {1}, new double[theta.length]));
    }
}
