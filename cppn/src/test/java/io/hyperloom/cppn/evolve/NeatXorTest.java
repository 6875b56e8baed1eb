package io.hyperloom.cppn.evolve;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.network.NeatNetworkFamily;
import io.hyperloom.search.optimize.CurvePoint;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeatXorTest {

    /** Budget per seed: 100 generations of 150, about 20 times the paper's mean. */
    private static final long BUDGET = 15_000;

    static final NeatNetworkFamily FAMILY = new NeatNetworkFamily(2, 1, List.of(CppnActivation.SIGMOID),
            CppnActivation.SIGMOID);

    static Search run(long seed, int threads, long budget) {
        Task task = new XorTask(2);
        try (LocalEvaluator ev = new LocalEvaluator(threads)) {
            Search s = new Search(task, FAMILY, ev, seed, budget, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
            new NeatOptimizer(NeatParameters.DEFAULTS).run(s);
            return s;
        }
    }

    @Test
    void solvesXorOnMostSeeds() {
        int solved = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Search s = run(seed, 1, BUDGET);
            if (s.isSolved()) {
                solved++;
            }
        }
        assertTrue(solved >= 9, "NEAT solved XOR on only " + solved + " of 10 seeds within " + BUDGET);
    }

    @Test
    void sameSeedSameCurveForAnyThreadCount() {
        List<CurvePoint> one = run(5, 1, 3000).curve().stream().map(CurvePoint::withoutTime).toList();
        List<CurvePoint> two = run(5, 2, 3000).curve().stream().map(CurvePoint::withoutTime).toList();
        assertEquals(one, two);
        assertTrue(one.size() > 1);
    }

    @Test
    void staysWithinBudget() {
        Search s = run(3, 1, 400);
        assertTrue(s.evaluations() <= 400, "used " + s.evaluations());
    }
}
