package io.hyperloom.cli;

import io.hyperloom.cppn.substrate.HyperNeatScaling;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hyperloom rescore}: each recorded champion scored again on a changed task, with no further evolution. */
@Command(name = "rescore", description = "Score every recorded best genome again with changed task options and no "
        + "further evolution (HyperNEAT's scaling test: -o boxes.size=33). One line per record.")
final class RescoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--from", paramLabel = "FILE", required = true, description = "results file (JSON Lines) with the records")
    Path from;

    @Option(names = {"-o", "--option"}, paramLabel = "TASK.OPTION=VALUE",
            description = "a task option to override, e.g. -o boxes.size=33")
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        ResultsFile.Contents contents = new ResultsFile(from).read();
        HyperNeatScaling scaling = new HyperNeatScaling(new Experiments(Registry.load(), common.environment()));
        PrintWriter w = spec.commandLine().getOut();
        contents.problems().forEach(p -> spec.commandLine().getErr().println("skipped: " + p));
        for (RunResult r : contents.results()) {
            Map<String, String> taskOptions = taskOptions(r.task());
            Map<String, Double> m = scaling.rescore(r, taskOptions);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s · %s · %s · seed %d  %s:",
                    r.task(), r.generator(), r.optimizer(), r.seed(), taskOptions));
            m.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
            line.append("  (recorded:");
            r.metrics().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
            w.println(line.append(')'));
        }
        w.flush();
        return Hyperloom.OK;
    }

    private Map<String, String> taskOptions(String task) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : options) {
            int dot = o.indexOf('.');
            int eq = o.indexOf('=');
            if (dot < 1 || eq < dot + 2 || !o.substring(0, dot).equals(task)) {
                throw new UserInputException("option '" + o + "' must be " + task + ".OPTION=VALUE (only task options can change)");
            }
            out.put(o.substring(dot + 1, eq), o.substring(eq + 1));
        }
        return out;
    }
}
