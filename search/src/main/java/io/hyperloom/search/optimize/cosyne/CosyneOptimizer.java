package io.hyperloom.search.optimize.cosyne;

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
 * CoSyNE (Gomez, Schmidhuber &amp; Miikkulainen 2008, "Accelerated Neural Evolution through
 * Cooperatively Coevolved Synapses", JMLR 9) over the θ of a {@link ParametricFamily}.
 *
 * <p>The population is an n × m matrix: row i is the subpopulation of θ coordinate i, column j
 * is network j. How one generation works:
 * <ol>
 *   <li>Evaluate the m networks (columns) through the evaluator, as one batch.</li>
 *   <li>Rank the networks by fitness (best first; ties by column index). Every subpopulation is
 *       thereby ranked by the fitness of the network its value took part in.</li>
 *   <li>The top {@code ⌈elite·m⌉} networks (default a quarter) are parents. Pairs of distinct
 *       parents, drawn uniformly, produce two children each by one-point crossover (a cut c in
 *       1 … n−1: child₁ = a[..c) b[c..), child₂ = b[..c) a[c..)), until there are as many
 *       children as parents. Each child coordinate is mutated with probability
 *       {@code mutation-rate} by adding Cauchy (σ·tan(π(u−½))) or Gaussian (σ·N(0,1)) noise,
 *       σ = {@code mutation-scale} · the family's {@link ParametricFamily#searchScale()}. The
 *       children replace the lowest-ranked networks.</li>
 *   <li>Permutation: in each subpopulation i independently, each surviving (evaluated) network
 *       r is marked with probability
 *       <pre>p(x_ir) = 1 − ((f_r − f_min)/(f_max − f_min))^(1/n)</pre>
 *       (f_min, f_max over the generation; n = |θ|), and the values of the marked entries are
 *       shuffled among themselves (Fisher–Yates). This is the paper's formula, the n-th root of
 *       the normalised fitness: the chance that a network keeps all n of its values is then the
 *       normalised fitness itself, so the best network always stays intact, the worst survivor is
 *       always broken up, and the rest in between. When all fitnesses are equal (no
 *       information), every survivor is marked. The children are new and enter unpermuted (an
 *       interpretation: the paper's offspring have no fitness yet to mark them by).</li>
 * </ol>
 * Initial networks are m independent draws of {@link ParametricFamily#initialTheta}.
 *
 * <p>Budget: evaluations; the last generation evaluates only as many networks as remain, so the
 * budget is never exceeded. All randomness comes from {@link Search#random()} on the run's
 * thread, so a seed gives the same run whatever the evaluator's parallelism. Immutable.
 *
 * @param population    m, networks per generation (≥ 4)
 * @param elite         fraction of networks that are parents, in (0, 0.5]
 * @param mutationRate  per-coordinate probability of mutating a child, in [0, 1]
 * @param mutationScale the mutation scale as a multiple of the family's search scale (&gt; 0)
 */
public record CosyneOptimizer(int population, double elite, double mutationRate, Mutation mutation,
                              double mutationScale) implements Optimizer {

    /** The distribution of mutation noise. */
    public enum Mutation { CAUCHY, GAUSSIAN }

    public CosyneOptimizer {
        if (population < 4) {
            throw new IllegalArgumentException("population must be >= 4, got " + population);
        }
        if (!(elite > 0 && elite <= 0.5)) {
            throw new IllegalArgumentException("elite must be in (0, 0.5], got " + elite);
        }
        if (!(mutationRate >= 0 && mutationRate <= 1)) {
            throw new IllegalArgumentException("mutation-rate must be in [0, 1], got " + mutationRate);
        }
        Objects.requireNonNull(mutation, "mutation");
        if (!(mutationScale > 0) || !Double.isFinite(mutationScale)) {
            throw new IllegalArgumentException("mutation-scale must be a finite number > 0, got " + mutationScale);
        }
    }

    /** Parents per generation, which is also the number of children. */
    public int parents() {
        return Math.max(2, (int) Math.ceil(elite * population));
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.EVALUATIONS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (!(family instanceof ParametricFamily p)) {
            return Optional.of("cosyne searches a fixed-length θ; generator " + family.name()
                    + " evolves structure (use a parametric family such as direct or dct)");
        }
        if (p.parameterCount() < 1) {
            return Optional.of("generator " + family.name() + " has no parameters to search");
        }
        return Optional.empty();
    }

    @Override
    public void run(Search search) {
        incompatibility(search.task(), search.family()).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        ParametricFamily family = (ParametricFamily) search.family();
        Problem<double[]> problem = Problem.parametric(search.task(), family);
        RandomGenerator rng = search.random();
        int n = family.parameterCount();
        int m = population;
        int l = parents();
        double sigma = mutationScale * family.searchScale();
        // columns[j] is network j; subpopulation i is the i-th entry of every column
        double[][] columns = new double[m][];
        for (int j = 0; j < m; j++) {
            columns[j] = family.initialTheta(rng, new double[n]);
        }
        double[][] next = new double[m][n];
        double[] fitness = new double[m];
        Integer[] rank = new Integer[m];
        int[] marked = new int[m];
        for (long generation = 0; !search.isDone(); generation++) {
            int count = (int) Math.min(m, search.remaining());
            List<Score> scores = search.evaluate(problem, Arrays.asList(columns).subList(0, count), generation,
                    double[]::clone);
            double mean = 0;
            for (int j = 0; j < count; j++) {
                fitness[j] = scores.get(j).fitness();
                mean += fitness[j] / count;
            }
            search.record(mean);
            if (count < m || search.isDone()) {
                return;
            }
            for (int j = 0; j < m; j++) {
                rank[j] = j;
            }
            Arrays.sort(rank, (a, b) -> fitness[a] != fitness[b] ? Double.compare(fitness[b], fitness[a]) : a - b);
            // survivors keep their ranks 0 .. m−l−1; children fill ranks m−l .. m−1
            for (int r = 0; r < m - l; r++) {
                System.arraycopy(columns[rank[r]], 0, next[r], 0, n);
            }
            for (int r = m - l; r < m; r += 2) {
                int a = rng.nextInt(l);
                int b = rng.nextInt(l - 1);
                b = b >= a ? b + 1 : b;
                int cut = n == 1 ? 1 : 1 + rng.nextInt(n - 1);
                double[] pa = columns[rank[a]];
                double[] pb = columns[rank[b]];
                crossover(pa, pb, cut, next[r]);
                mutate(next[r], sigma, rng);
                if (r + 1 < m) {
                    crossover(pb, pa, cut, next[r + 1]);
                    mutate(next[r + 1], sigma, rng);
                }
            }
            double fMax = fitness[rank[0]];
            double fMin = fitness[rank[m - 1]];
            for (int i = 0; i < n; i++) {
                int k = 0;
                for (int r = 0; r < m - l; r++) {
                    if (rng.nextDouble() < markProbability(fitness[rank[r]], fMin, fMax, n)) {
                        marked[k++] = r;
                    }
                }
                // Fisher–Yates over the marked entries of subpopulation i
                for (int s = k - 1; s > 0; s--) {
                    int t = rng.nextInt(s + 1);
                    double tmp = next[marked[s]][i];
                    next[marked[s]][i] = next[marked[t]][i];
                    next[marked[t]][i] = tmp;
                }
            }
            double[][] swap = columns;
            columns = next;
            next = swap;
        }
    }

    /**
     * p = 1 − ((f − f_min)/(f_max − f_min))^(1/n), the paper's marking probability; 1 when every
     * fitness is equal.
     */
    static double markProbability(double f, double fMin, double fMax, int n) {
        if (!(fMax > fMin)) {
            return 1.0;
        }
        double normalised = Math.min(1.0, Math.max(0.0, (f - fMin) / (fMax - fMin)));
        return 1.0 - Math.pow(normalised, 1.0 / n);
    }

    private static void crossover(double[] first, double[] second, int cut, double[] child) {
        System.arraycopy(first, 0, child, 0, cut);
        System.arraycopy(second, cut, child, cut, child.length - cut);
    }

    private void mutate(double[] child, double sigma, RandomGenerator rng) {
        for (int i = 0; i < child.length; i++) {
            if (rng.nextDouble() < mutationRate) {
                child[i] += switch (mutation) {
                    case CAUCHY -> sigma * Math.tan(Math.PI * (rng.nextDouble() - 0.5));
                    case GAUSSIAN -> sigma * rng.nextGaussian();
                };
            }
        }
    }
}
