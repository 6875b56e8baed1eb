package io.hyperloom.cli;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.export.WeightExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperloom export-weights}: a recorded run's generated weights as NumPy .npy files. */
@Command(name = "export-weights", description = "Write a recorded run's generated weights as NumPy .npy files, one per "
        + "tensor in its natural shape, plus layout.json (np.load(\"l0.w.npy\")).")
final class ExportWeightsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RESULTS.jsonl", description = "a results file")
    Path results;

    @Option(names = "--run", paramLabel = "N", description = "the N-th record of the file (1-based; default: the best by best_fitness "
            + "among the records matching --task/--generator)")
    Integer run;

    @Option(names = "--task", description = "only records of this task")
    String task;

    @Option(names = "--generator", description = "only records of this generator")
    String generator;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the .npy files")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(results)) {
            throw new UserInputException("no results file at " + results);
        }
        List<RunResult> records = new ResultsFile(results).read().results();
        RunResult r = pick(records);
        Experiments experiments = new Experiments(Registry.load(), common.environment());
        Experiments.Built built = experiments.build(r.spec());
        double[] w = experiments.bestWeights(built, r);
        List<Path> files = WeightExport.write(built.family() instanceof io.hyperloom.search.generator.ParametricFamily p
                ? p.layout() : built.task().architecture().layout(), w, out);
        spec.commandLine().getOut().printf("%s · %s · %s · seed %d: %d weights in %d files under %s%n", r.task(),
                r.generator(), r.optimizer(), r.seed(), w.length, files.size(), out);
        spec.commandLine().getOut().flush();
        return Hyperloom.OK;
    }

    private RunResult pick(List<RunResult> records) {
        if (run != null) {
            if (run < 1 || run > records.size()) {
                throw new IllegalArgumentException("--run " + run + " is outside 1.." + records.size());
            }
            return records.get(run - 1);
        }
        return records.stream()
                .filter(r -> task == null || r.task().equals(task))
                .filter(r -> generator == null || r.generator().equals(generator))
                .max(Comparator.comparingDouble(RunResult::bestFitness))
                .orElseThrow(() -> new IllegalArgumentException("no record in " + results + " matches"
                        + (task != null ? " --task " + task : "") + (generator != null ? " --generator " + generator : "")));
    }
}
