package io.hyperloom.search.optimize.cmaes;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * CMA-ES over the θ of a {@link ParametricFamily}, with IPOP restarts (Auger &amp; Hansen 2005).
 *
 * <p>How a run goes:
 * <ol>
 *   <li>the mean starts at {@code family.initialTheta(search.random(), …)} and σ₀ is
 *       {@code sigma}·{@code family.searchScale()};</li>
 *   <li>each generation the strategy samples λ candidates in this thread, the run's evaluator scores
 *       them (in parallel) and returns the scores in candidate order, and the strategy is told the
 *       fitness; the generation's mean fitness goes to {@link Search#record}. Since sampling never
 *       leaves this thread, results are bit-identical whatever the evaluator's thread count;</li>
 *   <li>the last generation is cut to the remaining budget (and not told), so the budget is never
 *       overspent;</li>
 *   <li>when the strategy meets a {@link StopCondition} with budget left, it restarts from a freshly
 *       drawn initial θ with twice the population, at most {@code restarts} times; then the run ends
 *       early, with the stop condition as the {@link Search#stop} reason.</li>
 * </ol>
 * Immutable.
 *
 * @param lambda         the first population size, or 0 for 4 + ⌊3 ln n⌋
 * @param sigma          σ₀ in units of the family's search scale
 * @param variant        which covariance model
 * @param separableAbove {@link Variant#AUTO} takes the separable model when |θ| exceeds this
 * @param restarts       how many IPOP restarts at most
 * @param stagnation     whether {@link StopCondition#TOL_STAGNATION} ends (and so restarts) a crawling run
 * @param tolX           {@link StopCondition#TOL_X} relative to σ₀ (Hansen: 1e-12); larger ends, and so
 *                       restarts, a run that keeps refining one point
 * @param bipop          BIPOP restarts (Hansen 2009): between the IPOP runs, runs with a small population and
 *                       σ₀·10^(−2U), each at most half the last large run, whenever the small runs have
 *                       spent fewer evaluations than the large ones; {@code restarts} counts the large runs
 */
public record CmaesOptimizer(int lambda, double sigma, Variant variant, int separableAbove, int restarts,
                             boolean stagnation, double tolX, boolean bipop)
        implements Optimizer {

    /** The covariance model. */
    public enum Variant {
        /** {@link #SEPARABLE} when |θ| exceeds {@code separableAbove}, else {@link #FULL}. */
        AUTO,
        /** {@link CmaEs}: full covariance, O(n²) per sample. */
        FULL,
        /** {@link SeparableCmaEs}: diagonal covariance, O(n) per sample. */
        SEPARABLE
    }

    public CmaesOptimizer {
        Objects.requireNonNull(variant, "variant");
        if (lambda != 0 && lambda < 2) {
            throw new IllegalArgumentException("lambda must be 0 (default) or >= 2, got " + lambda);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
        }
        if (separableAbove < 0) {
            throw new IllegalArgumentException("separable-above must be >= 0, got " + separableAbove);
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
        }
        if (!(tolX >= 0) || !(tolX < 1)) {
            throw new IllegalArgumentException("tol-x must be in [0, 1), got " + tolX);
        }
    }

    /** With Hansen's tolX of 1e-12 and IPOP restarts. */
    public CmaesOptimizer(int lambda, double sigma, Variant variant, int separableAbove, int restarts, boolean stagnation) {
        this(lambda, sigma, variant, separableAbove, restarts, stagnation, StopTolerances.DEFAULT.tolX(), false);
    }

    /** The defaults of {@link CmaesProvider}. */
    public static CmaesOptimizer defaults() {
        return new CmaesOptimizer(0, 1.0, Variant.AUTO, 2000, 9, true);
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.EVALUATIONS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (family instanceof ParametricFamily) {
            return Optional.empty();
        }
        return Optional.of("cmaes searches a fixed-length θ and needs a parametric generator family; "
                + family.name() + " genomes change structure");
    }

    /** Whether a θ of {@code n} parameters is searched with the separable model. */
    public boolean isSeparable(int n) {
        return switch (variant) {
            case FULL -> false;
            case SEPARABLE -> true;
            case AUTO -> n > separableAbove;
        };
    }

    /** A fresh strategy for this optimizer's variant. */
    public EvolutionStrategy strategy(double[] mean0, double sigma0, int lambda, RandomGenerator rng) {
        StopTolerances tolerances = StopTolerances.DEFAULT.withStagnation(stagnation).withTolX(tolX);
        return isSeparable(mean0.length)
                ? new SeparableCmaEs(mean0, sigma0, lambda, rng, tolerances)
                : new CmaEs(mean0, sigma0, lambda, rng, tolerances);
    }

    @Override
    public void run(Search search) {
        if (!(search.family() instanceof ParametricFamily family)) {
            throw new IllegalArgumentException(incompatibility(search.task(), search.family()).orElseThrow());
        }
        Problem<double[]> problem = Problem.parametric(search.task(), family);
        int n = family.parameterCount();
        double sigma0 = sigma * family.searchScale();
        long generation = 0;             // across restarts, so every generation gets its own evaluation seeds
        int defaultLambda = 0;           // λ of the first run, the base of BIPOP's small populations
        int largeLambda = 0;             // λ of the last large (IPOP) run; the next one doubles it
        long largeEvaluations = 0;       // evaluations spent in large runs, and in the last one
        long lastLargeRun = 0;
        long smallEvaluations = 0;
        int largeRestarts = 0;
        while (largeRestarts <= restarts && !search.isDone()) {
            boolean small = bipop && smallEvaluations < largeEvaluations;
            double s0 = sigma0;
            int pop = largeRestarts == 0 ? lambda : 2 * largeLambda;
            long cap = Long.MAX_VALUE;
            if (small) {
                // Hansen 2009: λ_s = ⌊λ_def·(½·λ_large/λ_def)^(U²)⌋, σ_s = σ₀·10^(−2U), at most half the last large run
                double u = search.random().nextDouble();
                pop = Math.max(2, (int) Math.floor(defaultLambda * Math.pow(0.5 * largeLambda / defaultLambda, u * u)));
                s0 = sigma0 * Math.pow(10, -2 * search.random().nextDouble());
                cap = Math.max(1, lastLargeRun / 2);
            }
            double[] mean0 = family.initialTheta(search.random(), new double[n]);
            EvolutionStrategy es = strategy(mean0, s0, pop, search.random());
            if (defaultLambda == 0) {
                defaultLambda = es.lambda();
            }
            long used = 0;
            while (!search.isDone() && !es.hasConverged() && used < cap) {
                double[][] candidates = es.ask();
                int count = (int) Math.min(candidates.length, search.remaining());
                List<double[]> batch = Arrays.asList(candidates).subList(0, count);
                List<Score> scores = search.evaluate(problem, batch, generation++, double[]::clone);
                double[] fitness = new double[count];
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    fitness[k] = scores.get(k).fitness();
                    sum += fitness[k];
                }
                if (count == candidates.length) {
                    es.tell(fitness);
                }
                search.record(sum / count);
                used += count;
            }
            if (small) {
                smallEvaluations += used;
                continue;
            }
            largeEvaluations += used;
            lastLargeRun = used;
            largeLambda = es.lambda();
            if (largeRestarts == restarts && es.hasConverged() && !search.isDone()) {
                search.stop("converged (" + es.stopCondition().orElseThrow().name().toLowerCase()
                        + ") after " + restarts + " restart(s), with budget left");
            }
            largeRestarts++;
        }
    }
}
