package io.hyperloom.search.optimize.cmaes;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.generator.direct.DirectFamily;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.optimize.CurvePoint;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmaesOptimizerTest {

    private static final XorTask XOR = new XorTask(2);
    private static final long BUDGET = 20_000;

    private static Search run(CmaesOptimizer optimizer, int threads, long seed, long budget) {
        DirectFamily family = new DirectFamily(XOR.architecture().layout(), Initialisation.LECUN, 0.5);
        try (LocalEvaluator evaluator = new LocalEvaluator(threads)) {
            Search search = new Search(XOR, family, evaluator, seed, budget, Task.BudgetUnit.EVALUATIONS,
                    ProgressListener.NONE);
            optimizer.run(search);
            return search;
        }
    }

    private static List<CurvePoint> withoutTime(Search search) {
        return search.curve().stream().map(CurvePoint::withoutTime).toList();
    }

    @Test
    void solvesXorWithTheSameCurveOnOneAndTwoThreads() {
        Search one = run(CmaesOptimizer.defaults(), 1, 1, BUDGET);
        Search two = run(CmaesOptimizer.defaults(), 2, 1, BUDGET);
        assertTrue(one.isSolved(), "not solved in " + one.evaluations() + " evaluations");
        assertTrue(one.evaluations() <= BUDGET);
        assertFalse(one.curve().isEmpty());
        assertEquals(withoutTime(one), withoutTime(two));
        assertEquals(one.bestScore(), two.bestScore());
        assertEquals(null, one.stopReason());
    }

    @Test
    void separableVariantAlsoSolvesXor() {
        CmaesOptimizer sep = new CmaesOptimizer(0, 1.0, CmaesOptimizer.Variant.SEPARABLE, 2000, 9, true);
        Search search = run(sep, 1, 2, BUDGET);
        assertTrue(search.isSolved(), "not solved in " + search.evaluations() + " evaluations");
    }

    @Test
    void neverOverspendsTheBudget() {
        // λ = 4 + ⌊3 ln 9⌋ = 10 does not divide 95: the last generation is cut to 5 candidates
        Search search = run(new CmaesOptimizer(0, 0.01, CmaesOptimizer.Variant.FULL, 2000, 0, true), 1, 3, 95);
        assertEquals(95, search.evaluations());
        assertEquals(95, search.curve().getLast().evaluations());
        assertEquals(10, search.curve().size());
    }

    /** XOR's network with every fitness equal: CMA-ES stops on tolFun once its history is full. */
    private static final class FlatTask implements Task {

        @Override
        public String name() {
            return "flat";
        }

        @Override
        public Architecture architecture() {
            return XOR.architecture();
        }

        @Override
        public Score evaluate(Network net, long seed) {
            return Score.of(1.0);
        }

        @Override
        public int evaluationBatch() {
            return 4;
        }

        @Override
        public boolean hasSuccessCriterion() {
            return false;
        }

        @Override
        public double worstFitness() {
            return 0.0;
        }

        @Override
        public long defaultBudget(BudgetUnit unit) {
            return 1000;
        }
    }

    @Test
    void bipopRunsSmallPopulationsBetweenTheDoublingRunsAndKeepsTheSameLargeRuns() {
        DirectFamily family = new DirectFamily(XOR.architecture().layout(), Initialisation.LECUN, 0.5);
        Search ipop;
        Search bipop;
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            ipop = new Search(new FlatTask(), family, evaluator, 4, 1_000_000, Task.BudgetUnit.EVALUATIONS,
                    ProgressListener.NONE);
            new CmaesOptimizer(0, 1.0, CmaesOptimizer.Variant.FULL, 2000, 2, true).run(ipop);
            bipop = new Search(new FlatTask(), family, evaluator, 4, 1_000_000, Task.BudgetUnit.EVALUATIONS,
                    ProgressListener.NONE);
            new CmaesOptimizer(0, 1.0, CmaesOptimizer.Variant.FULL, 2000, 2, true, 1e-12, true).run(bipop);
        }
        List<Long> sizes = new ArrayList<>();
        long previous = 0;
        for (CurvePoint p : bipop.curve()) {
            sizes.add(p.evaluations() - previous);
            previous = p.evaluations();
        }
        // the same three large runs (37 generations of 10, 24 of 20, 17 of 40, as IPOP) ...
        assertTrue(sizes.subList(0, 37).stream().allMatch(x -> x == 10L), "the first run: " + sizes.subList(0, 37));
        assertEquals(24, sizes.stream().filter(x -> x == 20L).count());
        assertEquals(17, sizes.stream().filter(x -> x == 40L).count());
        // ... with small runs between them (λ from 5 to 10) that together spend about as much as the large ones
        long small = bipop.evaluations() - (370 + 480 + 680);
        assertTrue(small > 370 && small < 2 * (370 + 480 + 680), "small runs spent " + small);
        assertTrue(sizes.subList(37, sizes.size()).stream().anyMatch(x -> x < 10L), "a small population after the first run");
        assertEquals(ipop.stopReason(), bipop.stopReason());
    }

    @Test
    void restartsWithDoubledPopulationAfterConvergenceThenStops() {
        DirectFamily family = new DirectFamily(XOR.architecture().layout(), Initialisation.LECUN, 0.5);
        Search search;
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            search = new Search(new FlatTask(), family, evaluator, 4, 1_000_000, Task.BudgetUnit.EVALUATIONS,
                    ProgressListener.NONE);
            new CmaesOptimizer(0, 1.0, CmaesOptimizer.Variant.FULL, 2000, 2, true).run(search);
        }
        // n = 9: tolFun needs a full history of 10 + ⌈30n/λ⌉ generations: 37 of λ = 10, 24 of 20, 17 of 40
        List<Long> steps = new ArrayList<>();
        long previous = 0;
        for (CurvePoint p : search.curve()) {
            steps.add(p.evaluations() - previous);
            previous = p.evaluations();
        }
        assertEquals(37 + 24 + 17, steps.size());
        assertEquals(List.of(10L, 20L, 40L), List.of(steps.get(0), steps.get(37), steps.get(37 + 24)));
        assertEquals(370 + 480 + 680, search.evaluations());
        assertEquals("converged (tol_fun) after 2 restart(s), with budget left", search.stopReason());
    }

    @Test
    void autoChoosesSeparableAboveTheThreshold() {
        CmaesOptimizer auto = new CmaesOptimizer(0, 1.0, CmaesOptimizer.Variant.AUTO, 100, 0, true);
        assertFalse(auto.isSeparable(100));
        assertTrue(auto.isSeparable(101));
        assertTrue(auto.strategy(new double[101], 1.0, 0, Seeds.random(1))
                instanceof SeparableCmaEs);
    }

    @Test
    void refusesFamiliesWithoutAFixedTheta() {
        NetworkFamily<?> neat = (NetworkFamily<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{NetworkFamily.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "neat";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Optimizer opt = CmaesOptimizer.defaults();
        assertTrue(opt.incompatibility(XOR, neat).orElseThrow().contains("neat"));
        assertTrue(opt.incompatibility(XOR, new DirectFamily(XOR.architecture().layout(), Initialisation.LECUN, 0.5))
                .isEmpty());
    }

    @Test
    void isRegisteredWithItsOptions() {
        OptimizerProvider provider = ServiceLoader.load(OptimizerProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("cmaes")).findFirst().orElseThrow();
        Options options = provider.resolve(Map.of("variant", "separable", "lambda", "20"));
        CmaesOptimizer opt = (CmaesOptimizer) provider.create(options);
        assertEquals(new CmaesOptimizer(20, 1.0, CmaesOptimizer.Variant.SEPARABLE, 2000, 9, true), opt);
        assertEquals(CmaesOptimizer.defaults(), provider.create(provider.resolve(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> provider.resolve(Map.of("variant", "diagonal")));
        assertThrows(IllegalArgumentException.class, () -> provider.create(provider.resolve(Map.of("lambda", "1"))));
        assertThrows(IllegalArgumentException.class, () -> provider.create(provider.resolve(Map.of("sigma", "-1"))));
    }
}
