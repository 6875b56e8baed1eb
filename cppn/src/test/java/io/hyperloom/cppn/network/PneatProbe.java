package io.hyperloom.cppn.network;

import io.hyperloom.cppn.evolve.GenomeChromosome;
import io.hyperloom.cppn.evolve.GenomeGene;
import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatOptimizer;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.evolve.NeatPopulation;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.boxes.BoxesTask;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Probe (not a test): where a P-NEAT generation on boxes spends its thread CPU time (NEAT on the
 * weights of the fixed 121→121 perceptron: add-node = add-link = 0). Args: POPULATION GENERATIONS.
 * Prints ms of thread CPU per evaluation for network building, the task's trials, the journal's
 * digest and breeding, then a whole run through Search with a journal.
 */
public class PneatProbe {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Task task = new BoxesTask(11, 0);
        NeatNetworkFamily family = new NeatNetworkFamily(121, 121, List.of(CppnActivation.SIGMOID), CppnActivation.SIGMOID);
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(),
                java.util.Map.of("population", String.valueOf(population), "add-node", "0", "add-link", "0")));
        SplittableRandom rng = new SplittableRandom(1);
        NeatBreeder breeder = family.breeder(rng, p);
        NeatPopulation<CppnGenome> pop = new NeatPopulation<>(breeder, p, rng);
        long t = cpu();
        List<CppnGenome> genomes = pop.initial();
        long create = cpu() - t;
        long build = 0;
        long trials = 0;
        long digest = 0;
        long oldDigest = 0;
        long breed = 0;
        long evaluations = 0;
        long sink = 0;
        for (int g = 0; g < generations; g++) {
            List<Phenotype<GenomeGene<CppnGenome>, Double>> evaluated = new ArrayList<>();
            for (int i = 0; i < genomes.size(); i++) {
                long a = cpu();
                Network net = family.build(genomes.get(i), task);
                net.resetState();
                long b = cpu();
                double f = task.evaluate(net, i).fitness();
                long c = cpu();
                sink += genomes.get(i).digest();
                long d = cpu();
                sink += String.valueOf(genomes.get(i)).hashCode();
                oldDigest += cpu() - d;
                build += b - a;
                trials += c - b;
                digest += d - c;
                evaluations++;
                evaluated.add(Phenotype.of(GenomeChromosome.genotype(genomes.get(i)), g, f));
            }
            long a = cpu();
            genomes = pop.reproduce(ISeq.of(evaluated), g);
            breed += cpu() - a;
        }
        System.out.printf("population %d, %d generations, %d evaluations (sink %d)%n", population, generations, evaluations, sink);
        System.out.printf("  initial population %8.3f ms per genome%n", create / 1e6 / population);
        System.out.printf("  build network      %8.3f ms per evaluation%n", build / 1e6 / evaluations);
        System.out.printf("  75 trials          %8.3f ms per evaluation%n", trials / 1e6 / evaluations);
        System.out.printf("  journal digest     %8.3f ms per evaluation (Digestible)%n", digest / 1e6 / evaluations);
        System.out.printf("  string digest      %8.3f ms per evaluation (String.valueOf(genome).hashCode(), before)%n", oldDigest / 1e6 / evaluations);
        System.out.printf("  reproduce          %8.3f ms per evaluation%n", breed / 1e6 / evaluations);

        Path dir = Files.createTempDirectory("pneat-probe");
        try (LocalEvaluator ev = new LocalEvaluator(1)) {
            Search s = new Search(task, family, ev, 1, (long) population * generations, Task.BudgetUnit.EVALUATIONS,
                    ProgressListener.NONE).withJournal(new EvaluationJournal(dir.resolve("j")));
            long a = cpu();
            new NeatOptimizer(p).run(s);
            long whole = cpu() - a;
            System.out.printf("  whole run (Search + journal) %8.3f ms per evaluation, best %s%n",
                    whole / 1e6 / s.evaluations(), Double.toHexString(s.curve().get(s.curve().size() - 1).best()));
        }
    }

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }
}
