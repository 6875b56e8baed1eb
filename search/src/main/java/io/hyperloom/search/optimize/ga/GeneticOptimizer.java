package io.hyperloom.search.optimize.ga;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.jenetics.Alterer;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.SinglePointCrossover;
import io.jenetics.TournamentSelector;
import io.jenetics.TruncationSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.MeanAlterer;
import io.jenetics.RouletteWheelSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.Evaluator;
import io.jenetics.util.DoubleRange;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A real-valued genetic algorithm over θ on a Jenetics {@link Engine}.
 *
 * <p>How it works: the engine runs on the calling thread ({@code executor(Runnable::run)}) with
 * the run's random generator scoped by {@link RandomRegistry#with}, so selection and variation
 * are reproducible; only fitness evaluation leaves the thread, through a Jenetics
 * {@link Evaluator} that hands the unevaluated phenotypes of each generation to the run's
 * {@link io.hyperloom.search.optimize.Evaluator} in one batch. Mutation adds N(0, σ²) to each
 * gene with the mutation probability (Jenetics' own Gaussian mutator ties σ to the gene range,
 * which for unbounded weights is meaningless). Genes are clamped to ±{@code bound}.
 */
public final class GeneticOptimizer implements Optimizer {

    /** The parent-selection operator. */
    public enum Selection { TOURNAMENT, TRUNCATION, ROULETTE }

    /** The recombination operator. */
    public enum Crossover { UNIFORM, SINGLE_POINT, MEAN, NONE }

    private final int population;
    private final Selection selection;
    private final int tournamentSize;
    private final double mutationRate;
    private final double mutationSigma;
    private final Crossover crossover;
    private final double crossoverRate;
    private final double survivorFraction;
    private final double bound;

    public GeneticOptimizer(int population, Selection selection, int tournamentSize, double mutationRate,
                            double mutationSigma, Crossover crossover, double crossoverRate,
                            double survivorFraction, double bound) {
        if (population < 2) {
            throw new IllegalArgumentException("population must be >= 2, got " + population);
        }
        if (!(mutationRate >= 0 && mutationRate <= 1) || !(crossoverRate >= 0 && crossoverRate <= 1)) {
            throw new IllegalArgumentException("mutation-rate and crossover-rate must lie in [0, 1]");
        }
        if (!(survivorFraction >= 0 && survivorFraction < 1)) {
            throw new IllegalArgumentException("survivors must lie in [0, 1), got " + survivorFraction);
        }
        if (tournamentSize < 2) {
            throw new IllegalArgumentException("tournament-size must be >= 2, got " + tournamentSize);
        }
        this.population = population;
        this.selection = selection;
        this.tournamentSize = tournamentSize;
        this.mutationRate = mutationRate;
        this.mutationSigma = mutationSigma;
        this.crossover = crossover;
        this.crossoverRate = crossoverRate;
        this.survivorFraction = survivorFraction;
        this.bound = bound;
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.EVALUATIONS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        return family instanceof ParametricFamily ? Optional.empty()
                : Optional.of("the GA searches a fixed-length θ; " + family.name()
                + " evolves structure (use neat or hybrid)");
    }

    @Override
    public void run(Search search) {
        ParametricFamily family = (ParametricFamily) search.family();
        Problem<double[]> problem = Problem.parametric(search.task(), family);
        int n = family.parameterCount();
        double sigma = mutationSigma * family.searchScale();
        double limit = bound * family.searchScale();
        DoubleRange range = DoubleRange.of(-limit, limit);
        long[] generation = {0};

        Evaluator<DoubleGene, Double> evaluator = pop -> {
            List<Phenotype<DoubleGene, Double>> todo = new ArrayList<>();
            for (Phenotype<DoubleGene, Double> p : pop) {
                if (!p.isEvaluated()) {
                    todo.add(p);
                }
            }
            List<double[]> thetas = todo.stream().map(GeneticOptimizer::theta).toList();
            List<Score> scores = search.evaluate(problem, thetas, generation[0]++, double[]::clone);
            List<Phenotype<DoubleGene, Double>> out = new ArrayList<>(pop.size());
            int k = 0;
            for (Phenotype<DoubleGene, Double> p : pop) {
                out.add(p.isEvaluated() ? p : p.withFitness(scores.get(k++).fitness()));
            }
            return ISeq.of(out);
        };

        RandomGenerator rng = search.random();
        RandomRegistry.with(rng, r -> {
            Engine<DoubleGene, Double> engine = new Engine.Builder<>(evaluator, () -> {
                double[] theta = family.initialTheta(RandomRegistry.random(), new double[n]);
                List<DoubleGene> genes = new ArrayList<>(n);
                for (double v : theta) {
                    genes.add(DoubleGene.of(Math.max(-limit, Math.min(limit, v)), range));
                }
                return Genotype.of(DoubleChromosome.of(ISeq.of(genes)));
            })
                    .executor(Runnable::run)
                    .populationSize(population)
                    .offspringFraction(1.0 - survivorFraction)
                    .maximizing()
                    .survivorsSelector(new TruncationSelector<>())
                    .offspringSelector(selector())
                    .alterers(new GaussianMutator(mutationRate, sigma, limit), crossoverAlterer())
                    .build();
            engine.stream()
                    .limit(result -> {
                        search.record(mean(result));
                        return !search.isDone();
                    })
                    .forEach(result -> { });
            return null;
        });
    }

    private Selector<DoubleGene, Double> selector() {
        return switch (selection) {
            case TOURNAMENT -> new TournamentSelector<>(tournamentSize);
            case TRUNCATION -> new TruncationSelector<>();
            case ROULETTE -> new RouletteWheelSelector<>();
        };
    }

    private Alterer<DoubleGene, Double> crossoverAlterer() {
        return switch (crossover) {
            case UNIFORM -> new UniformCrossover<>(crossoverRate, 0.5);
            case SINGLE_POINT -> new SinglePointCrossover<>(crossoverRate);
            case MEAN -> new MeanAlterer<>(crossoverRate);
            case NONE -> new UniformCrossover<>(0.0);
        };
    }

    private static double mean(EvolutionResult<DoubleGene, Double> result) {
        double s = 0;
        for (Phenotype<DoubleGene, Double> p : result.population()) {
            s += p.fitness();
        }
        return s / result.population().size();
    }

    private static double[] theta(Phenotype<DoubleGene, Double> p) {
        DoubleChromosome c = p.genotype().chromosome().as(DoubleChromosome.class);
        return c.toArray();
    }

    /** Adds N(0, σ²) to a gene, clamped to the gene's bound. */
    private static final class GaussianMutator extends Mutator<DoubleGene, Double> {
        private final double sigma;
        private final double limit;

        GaussianMutator(double probability, double sigma, double limit) {
            super(probability);
            this.sigma = sigma;
            this.limit = limit;
        }

        @Override
        protected DoubleGene mutate(DoubleGene gene, RandomGenerator random) {
            double v = gene.doubleValue() + sigma * random.nextGaussian();
            return gene.newInstance(Math.max(-limit, Math.min(limit, v)));
        }
    }

}
