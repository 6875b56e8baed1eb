package io.hyperloom.cppn.network;

import io.hyperloom.cppn.evolve.NeatOptimizer;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.boxes.BoxesTask;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Probe (not a test): CPU time per evaluation of whole P-NEAT runs on boxes (121→121 perceptron,
 * add-node = add-link = 0) through Search with a journal, as {@code hyperloom run} does; uses only
 * API that predates issue 7's speed-up, so the same probe measures the code before and after.
 * Args: POPULATION BUDGET [REPEATS]. A warm-up run (seed 99) comes first; then REPEATS runs, seeds 1...
 */
public class PneatRunProbe {

    public static void main(String[] args) throws Exception {
        int population = Integer.parseInt(args[0]);
        long budget = Long.parseLong(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Task task = new BoxesTask(11, 0);
        NeatNetworkFamily family = new NeatNetworkFamily(121, 121, List.of(CppnActivation.SIGMOID), CppnActivation.SIGMOID);
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(),
                Map.of("population", String.valueOf(population), "add-node", "0", "add-link", "0")));
        Path dir = Files.createTempDirectory("pneat-run-probe");
        for (int r = -1; r < repeats; r++) {
            long seed = r < 0 ? 99 : r + 1;
            try (LocalEvaluator ev = new LocalEvaluator(1)) {
                Search s = new Search(task, family, ev, seed, budget, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE)
                        .withJournal(new EvaluationJournal(dir.resolve("j" + seed)));
                long t0 = threads.getCurrentThreadCpuTime();
                long p0 = os.getProcessCpuTime();
                new NeatOptimizer(p).run(s);
                long t = threads.getCurrentThreadCpuTime() - t0;
                long pc = os.getProcessCpuTime() - p0;
                System.out.printf("%s seed %d: %d evaluations, thread CPU %.3f ms/evaluation, process CPU %.3f ms/evaluation, best %s%n",
                        r < 0 ? "warm-up" : "run", seed, s.evaluations(), t / 1e6 / s.evaluations(), pc / 1e6 / s.evaluations(),
                        Double.toHexString(s.curve().get(s.curve().size() - 1).best()));
            }
        }
    }
}
