package io.hyperloom.cppn.evolve;

import io.hyperloom.search.generator.Breeder;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GenomeFamily;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.optimize.FitnessFunction;
import io.hyperloom.search.optimize.NetworkProblem;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code neat} optimizer: NEAT on any genome family — a {@link NetworkFamily} whose genome is
 * the network itself (classic NEAT) or an {@link EvolvableFamily} such as {@code cppn} (HyperNEAT).
 * Budget in evaluations; one curve point per generation; stops when the budget is used or the task
 * solved. Immutable; a run's state lives in {@link NeatPopulation}.
 *
 * <p>Reproducible: the run's generator drives all variation on the optimizer's thread; evaluation of
 * a generation goes through {@link Search#evaluate} (the evaluator seam), whose scores come back in
 * candidate order, so the same seed gives the same run for any thread count. The last generation is
 * cut to the remaining budget.
 */
public final class NeatOptimizer implements Optimizer {

    private final NeatParameters parameters;

    public NeatOptimizer(NeatParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public NeatParameters parameters() {
        return parameters;
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.EVALUATIONS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (!(family instanceof NetworkFamily<?>) && !(family instanceof EvolvableFamily<?>)) {
            return Optional.of("neat evolves genomes; generator '" + family.name()
                    + "' has a fixed θ (use neat or cppn as the generator)");
        }
        return Optional.empty();
    }

    @Override
    public void run(Search search) {
        GeneratorFamily family = search.family();
        switch (family) {
            case NetworkFamily<?> nf -> runNetwork(search, nf);
            case EvolvableFamily<?> ef -> runEvolvable(search, ef);
            default -> throw new IllegalArgumentException(incompatibility(search.task(), family).orElseThrow());
        }
    }

    private <G> void runNetwork(Search search, NetworkFamily<G> family) {
        loop(search, family, new NetworkProblem<>(search.task(), family));
    }

    private <G> void runEvolvable(Search search, EvolvableFamily<G> family) {
        loop(search, family, Problem.evolvable(search.task(), family));
    }

    @SuppressWarnings("unchecked")
    private <G> Breeder<G> breeder(Search search, GenomeFamily<G> family) {
        if (family instanceof NeatGenomeFamily nf) {
            return (Breeder<G>) nf.breeder(search.random(), parameters);
        }
        return family.breeder(search.random());
    }

    private <G> void loop(Search search, GenomeFamily<G> family, FitnessFunction<G> fitness) {
        NeatPopulation<G> population = new NeatPopulation<>(breeder(search, family), parameters, search.random());
        List<G> genomes = population.initial();
        UnaryOperator<G> keep = UnaryOperator.identity(); // genomes are immutable
        for (long generation = 0; !search.isDone(); generation++) {
            if (genomes.size() > search.remaining()) {
                genomes = genomes.subList(0, (int) search.remaining());
            }
            List<Score> scores = search.evaluate(fitness, genomes, generation, keep);
            List<Phenotype<GenomeGene<G>, Double>> evaluated = new ArrayList<>(genomes.size());
            double sum = 0;
            for (int i = 0; i < genomes.size(); i++) {
                double f = scores.get(i).fitness();
                sum += f;
                evaluated.add(Phenotype.of(GenomeChromosome.genotype(genomes.get(i)), generation, f));
            }
            search.record(sum / genomes.size());
            if (search.isDone()) {
                break;
            }
            genomes = population.reproduce(ISeq.of(evaluated), generation);
        }
    }
}
