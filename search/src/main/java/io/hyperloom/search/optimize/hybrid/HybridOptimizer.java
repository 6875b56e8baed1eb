package io.hyperloom.search.optimize.hybrid;

import io.hyperloom.search.generator.Breeder;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.optimize.adam.AdamTrainer;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.Task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Evolution outside, Adam inside: DPPN (Fernando et al. 2016) when the family is {@code cppn},
 * and the same loop for any family whose generator has a backward pass (a parametric family's θ is
 * its genome).
 *
 * <p>How a generation works:
 * <ol>
 *   <li>Every candidate genome is decoded to (generator, θ) and θ is trained by {@code steps}
 *       Adam steps on the task's training mini-batches ({@link AdamTrainer.Session}, fresh moments).
 *       Candidates train in parallel, each on one thread with its own random stream
 *       {@code Seeds.derive(seed, generation, index)}, so results do not depend on the thread
 *       count. A session that diverges keeps the θ of its last finite step.</li>
 *   <li>The trained genomes (θ written back) are scored through the run's evaluator; their
 *       evaluations and the gradient steps are both counted and recorded.</li>
 *   <li>Lamarckian: the population keeps the trained genomes; Baldwinian: it keeps the untrained
 *       ones, and the training shows only in their fitness. The best network found is always the
 *       trained one that was scored.</li>
 *   <li>The next generation: the {@code elite} fittest unchanged, the rest offspring of tournament
 *       winners — crossover (fitter parent first) with probability {@code crossover-rate}, then
 *       the breeder's mutation.</li>
 * </ol>
 * The budget counts evaluations; the last generation is cut to what is left.
 */
public final class HybridOptimizer implements Optimizer {

    /** What the population keeps of a candidate's training. */
    public enum Inheritance { LAMARCKIAN, BALDWINIAN }

    private final AdamTrainer trainer;
    private final int steps;
    private final Inheritance inheritance;
    private final int population;
    private final int elite;
    private final int tournament;
    private final double crossoverRate;
    private final double mutationRate;
    private final double mutationSigma;
    private final int maxTheta;
    /** Breeding attempts per offspring under the |θ| cap. */
    static final int CAP_TRIES = 10;

    public HybridOptimizer(AdamTrainer trainer, int steps, Inheritance inheritance, int population, int elite,
                           int tournament, double crossoverRate, double mutationRate, double mutationSigma) {
        this(trainer, steps, inheritance, population, elite, tournament, crossoverRate, mutationRate, mutationSigma, 0);
    }

    /**
     * @param maxTheta cap on a candidate's |θ| (0 = none): an offspring over it is bred again, up to
     *                 {@link #CAP_TRIES} times, and otherwise replaced by its (unmutated) first parent,
     *                 so no candidate past the cap is ever trained or scored (DPPN at a fixed budget of
     *                 CPPN weights)
     */
    public HybridOptimizer(AdamTrainer trainer, int steps, Inheritance inheritance, int population, int elite,
                           int tournament, double crossoverRate, double mutationRate, double mutationSigma,
                           int maxTheta) {
        if (maxTheta < 0) {
            throw new IllegalArgumentException("max-theta must be >= 0 (0 = no cap), got " + maxTheta);
        }
        this.maxTheta = maxTheta;
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.inheritance = Objects.requireNonNull(inheritance, "inheritance");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (population < 2 || elite < 0 || elite >= population) {
            throw new IllegalArgumentException("hybrid needs population >= 2 and 0 <= elite < population, got "
                    + population + " and " + elite);
        }
        if (tournament < 1) {
            throw new IllegalArgumentException("tournament must be >= 1, got " + tournament);
        }
        if (!(crossoverRate >= 0 && crossoverRate <= 1) || !(mutationRate >= 0 && mutationRate <= 1)
                || !(mutationSigma >= 0)) {
            throw new IllegalArgumentException("crossover-rate and mutation-rate must lie in [0, 1], mutation-sigma >= 0");
        }
        this.steps = steps;
        this.population = population;
        this.elite = elite;
        this.tournament = tournament;
        this.crossoverRate = crossoverRate;
        this.mutationRate = mutationRate;
        this.mutationSigma = mutationSigma;
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.EVALUATIONS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (!(task instanceof SupervisedTask)) {
            return Optional.of("task " + task.name() + " has no differentiable loss (evolution only)");
        }
        return switch (family) {
            case NetworkFamily<?> n -> Optional.of("hybrid trains a weight generator's θ; " + n.name()
                    + " genomes are networks without a target layout (use neat)");
            case ParametricFamily p -> p.generator().isDifferentiable() ? Optional.empty()
                    : Optional.of("generator " + p.name() + " has no backward pass");
            case EvolvableFamily<?> e -> differentiable(e) ? Optional.empty()
                    : Optional.of("generator " + e.name() + " decodes to generators without a backward pass");
        };
    }

    private static <G> boolean differentiable(EvolvableFamily<G> family) {
        G probe = family.breeder(Seeds.random(0)).create();
        return family.decode(probe).generator().isDifferentiable();
    }

    /** How the loop sees a family's genomes. */
    private interface Genomes<G> {
        Breeder<G> breeder(RandomGenerator rng);

        WeightGenerator generator(G genome);

        double[] theta(G genome);

        G withTheta(G genome, double[] theta);

        Problem<G> problem(Task task);

        UnaryOperator<G> copy();
    }

    @Override
    public void run(Search search) {
        switch (search.family()) {
            case ParametricFamily p -> loop(search, new Genomes<double[]>() {
                public Breeder<double[]> breeder(RandomGenerator rng) {
                    return new ThetaBreeder(p, rng, mutationRate, mutationSigma);
                }

                public WeightGenerator generator(double[] genome) {
                    return p.generator();
                }

                public double[] theta(double[] genome) {
                    return genome.clone();
                }

                public double[] withTheta(double[] genome, double[] theta) {
                    return theta;
                }

                public Problem<double[]> problem(Task task) {
                    return Problem.parametric(task, p);
                }

                public UnaryOperator<double[]> copy() {
                    return double[]::clone;
                }
            });
            case EvolvableFamily<?> e -> evolvable(search, e);
            case NetworkFamily<?> n -> throw new IllegalArgumentException(incompatibility(search.task(), n).orElseThrow());
        }
    }

    private <G> void evolvable(Search search, EvolvableFamily<G> e) {
        loop(search, new Genomes<G>() {
            public Breeder<G> breeder(RandomGenerator rng) {
                return e.breeder(rng);
            }

            public WeightGenerator generator(G genome) {
                return e.decode(genome).generator();
            }

            public double[] theta(G genome) {
                return e.decode(genome).theta();
            }

            public G withTheta(G genome, double[] theta) {
                return e.withTheta(genome, theta);
            }

            public Problem<G> problem(Task task) {
                return Problem.evolvable(task, e);
            }

            public UnaryOperator<G> copy() {
                return UnaryOperator.identity(); // genomes are immutable
            }
        });
    }

    /** A candidate after its inner training. */
    private record Trained<G>(G genome, long steps) {
    }

    private <G> void loop(Search search, Genomes<G> genomes) {
        SupervisedTask task = (SupervisedTask) search.task();
        RandomGenerator rng = search.random();
        Breeder<G> breeder = genomes.breeder(rng);
        Problem<G> problem = genomes.problem(task);
        int b = trainer.batchSize(task);
        int threads = Math.max(1, Math.min(search.evaluator().localParallelism(), population));
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperloom-hybrid");
            t.setDaemon(true);
            return t;
        }) : null;
        Predicate<G> fits = g -> maxTheta == 0 || genomes.theta(g).length <= maxTheta;
        List<G> current = new ArrayList<>();
        for (int i = 0; i < population; i++) {
            G g = breeder.create();
            if (!fits.test(g)) {
                throw new IllegalArgumentException("max-theta " + maxTheta + " is below the initial genome's |θ| = "
                        + genomes.theta(g).length);
            }
            current.add(g);
        }
        try {
            long generation = 0;
            while (!search.isDone()) {
                int size = (int) Math.min(current.size(), search.remaining());
                List<G> members = current.subList(0, size);
                List<Trained<G>> trained = train(search, genomes, task, members, generation, pool);
                List<G> scored = trained.stream().map(Trained::genome).toList();
                long stepsDone = trained.stream().mapToLong(Trained::steps).sum();
                search.countSteps(stepsDone, stepsDone * b);
                List<Score> scores = search.evaluate(problem, scored, generation, genomes.copy());
                double mean = scores.stream().mapToDouble(Score::fitness).average().orElse(task.worstFitness());
                search.record(mean);
                if (search.isDone()) {
                    break;
                }
                List<G> kept = inheritance == Inheritance.LAMARCKIAN ? scored : members;
                current = nextGeneration(breeder, kept, scores, rng, fits);
                generation++;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private <G> List<Trained<G>> train(Search search, Genomes<G> genomes, SupervisedTask task, List<G> members,
                                       long generation, ExecutorService pool) {
        List<java.util.concurrent.Callable<Trained<G>>> jobs = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            G genome = members.get(i);
            long seed = Seeds.derive(search.seed(), generation, i);
            jobs.add(() -> trainOne(genomes, task, genome, seed));
        }
        List<Trained<G>> out = new ArrayList<>();
        if (pool == null) {
            for (var j : jobs) {
                try {
                    out.add(j.call());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        List<Future<Trained<G>>> futures = new ArrayList<>();
        for (var j : jobs) {
            futures.add(pool.submit(j));
        }
        for (Future<Trained<G>> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    /** {@code steps} Adam steps on one candidate's θ, on the caller's thread; deterministic in (genome, seed). */
    private <G> Trained<G> trainOne(Genomes<G> genomes, SupervisedTask task, G genome, long seed) {
        if (steps == 0) {
            return new Trained<>(genome, 0);
        }
        WeightGenerator generator = genomes.generator(genome);
        double[] theta = genomes.theta(genome);
        if (theta.length == 0) {
            return new Trained<>(genome, 0);
        }
        // the augmentation streams use the same seed; shuffling gets a stream of its own
        RandomGenerator shuffle = Seeds.random(Seeds.derive(seed, 0x5348554646L, 0));
        try (AdamTrainer.Session s = trainer.session(task, generator, theta, shuffle, seed, 1, steps)) {
            for (int k = 0; k < steps; k++) {
                if (!s.step()) {
                    return new Trained<>(genomes.withTheta(genome, theta), s.steps() + 1);
                }
            }
            return new Trained<>(genomes.withTheta(genome, theta), s.steps());
        }
    }

    private <G> List<G> nextGeneration(Breeder<G> breeder, List<G> kept, List<Score> scores, RandomGenerator rng,
                                       Predicate<G> fits) {
        int n = kept.size();
        Integer[] rank = new Integer[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        // fittest first; ties keep index order (a stable sort), so the order is reproducible
        java.util.Arrays.sort(rank, Comparator.comparingDouble((Integer i) -> -scores.get(i).fitness()));
        List<G> next = new ArrayList<>(population);
        for (int i = 0; i < Math.min(elite, n); i++) {
            next.add(kept.get(rank[i]));
        }
        while (next.size() < population) {
            int a = select(scores, n, rng);
            int c = rng.nextDouble() < crossoverRate ? select(scores, n, rng) : -1;
            G child = null;
            for (int tries = 0; tries < CAP_TRIES && child == null; tries++) {
                G bred;
                if (c >= 0) {
                    boolean aFitter = scores.get(a).fitness() >= scores.get(c).fitness();
                    bred = breeder.mutate(breeder.crossover(kept.get(aFitter ? a : c), kept.get(aFitter ? c : a)));
                } else {
                    bred = breeder.mutate(kept.get(a));
                }
                child = fits.test(bred) ? bred : null;
            }
            next.add(child != null ? child : kept.get(a));
        }
        return next;
    }

    /** Tournament selection: the fittest of {@code tournament} uniform draws (earliest wins ties). */
    private int select(List<Score> scores, int n, RandomGenerator rng) {
        int best = rng.nextInt(n);
        for (int k = 1; k < tournament; k++) {
            int c = rng.nextInt(n);
            if (scores.get(c).fitness() > scores.get(best).fitness()) {
                best = c;
            }
        }
        return best;
    }
}
