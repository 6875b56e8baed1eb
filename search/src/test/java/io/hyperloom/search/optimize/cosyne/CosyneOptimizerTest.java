package io.hyperloom.search.optimize.cosyne;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.dct.DctFamily;
import io.hyperloom.search.generator.dct.DctWeightGenerator;
import io.hyperloom.search.generator.direct.DirectFamily;
import io.hyperloom.search.optimize.CurvePoint;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.boxes.BoxesTask;
import io.hyperloom.search.task.xor.XorTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CosyneOptimizerTest {

    private static final CosyneOptimizer DEFAULTS = (CosyneOptimizer) provider().create(provider().resolve(Map.of()));

    private static OptimizerProvider provider() {
        return ServiceLoader.load(OptimizerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("cosyne")).findFirst().orElseThrow();
    }

    private static Search run(CosyneOptimizer o, Task task, GeneratorFamily family, long seed, long budget, int threads) {
        try (LocalEvaluator evaluator = new LocalEvaluator(threads)) {
            Search s = new Search(task, family, evaluator, seed, budget, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
            o.run(s);
            return s;
        }
    }

    @Test
    void solvesXor() {
        XorTask xor = new XorTask(2);
        DirectFamily direct = new DirectFamily(xor.architecture().layout(), Initialisation.LECUN, 0.5);
        int solved = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Search s = run(DEFAULTS, xor, direct, seed, 20_000, 1);
            if (s.isSolved()) {
                solved++;
            }
            assertTrue(s.evaluations() <= 20_000);
        }
        assertEquals(3, solved, "xor solved in every one of 3 seeds within 20,000 evaluations");
    }

    @Test
    void sameRunWhateverTheThreads() {
        XorTask xor = new XorTask(2);
        DirectFamily direct = new DirectFamily(xor.architecture().layout(), Initialisation.LECUN, 0.5);
        CosyneOptimizer o = new CosyneOptimizer(12, 0.25, 0.4, CosyneOptimizer.Mutation.GAUSSIAN, 1.0);
        List<CurvePoint> one = run(o, xor, direct, 7, 600, 1).curve().stream().map(CurvePoint::withoutTime).toList();
        List<CurvePoint> two = run(o, xor, direct, 7, 600, 2).curve().stream().map(CurvePoint::withoutTime).toList();
        assertEquals(one, two);
        assertFalse(one.isEmpty());
    }

    @Test
    void runsDctOnBoxesWithoutOverspending() {
        BoxesTask boxes = new BoxesTask(7, 0);
        DctFamily dct = new DctFamily(new DctWeightGenerator(boxes.architecture().layout(),
                DctWeightGenerator.Axes.SHEETS, DctWeightGenerator.Biases.DIRECT, 16, 0), Initialisation.LECUN, 0.5);
        Search s = run(new CosyneOptimizer(10, 0.25, 0.3, CosyneOptimizer.Mutation.CAUCHY, 0.6), boxes, dct, 3, 35, 2);
        assertEquals(35, s.evaluations(), "three full generations of 10 and a last one of 5");
        List<CurvePoint> curve = s.curve();
        assertEquals(4, curve.size());
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).best() >= curve.get(i - 1).best(), "best fitness fell at generation " + i);
        }
    }

    @Test
    void markingFollowsTheNthRootOfNormalisedFitness() {
        assertEquals(0.0, CosyneOptimizer.markProbability(5, 1, 5, 10), 0.0);
        assertEquals(1.0, CosyneOptimizer.markProbability(1, 1, 5, 10), 0.0);
        assertEquals(1 - Math.pow(0.5, 1.0 / 4), CosyneOptimizer.markProbability(3, 1, 5, 4), 1e-15);
        assertEquals(1.0, CosyneOptimizer.markProbability(2, 2, 2, 4), 0.0);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> provider().create(provider().resolve(Map.of("population", "3"))));
        assertThrows(IllegalArgumentException.class, () -> provider().create(provider().resolve(Map.of("elite", "0.7"))));
        assertThrows(IllegalArgumentException.class, () -> provider().resolve(Map.of("mutation", "uniform")));
    }
}
