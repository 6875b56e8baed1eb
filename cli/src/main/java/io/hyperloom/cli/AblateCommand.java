package io.hyperloom.cli;

import io.hyperloom.search.experiment.ExperimentPlan;
import io.hyperloom.search.experiment.ExperimentSpec;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hyperloom ablate}: a full factorial grid over options, N seeds per cell, with main effects. */
@Command(name = "ablate", description = "A full factorial grid over one or more options (--vary NAME.OPTION=V1,V2,…), "
        + "N seeds per cell; prints the table and each option's main effect and writes a report. Rerunning skips recorded runs.")
final class AblateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--spec", paramLabel = "FILE", description = "read the ablation from a JSON file (the experiment.json "
            + "an ablation writes beside its results)")
    java.nio.file.Path specFile;

    @Option(names = "--task", description = "the task")
    String task;

    @Option(names = "--generator", description = "the generator family (default: the optimizer's, usually direct)")
    String generator;

    @Option(names = "--optimizer", defaultValue = "cmaes", description = "the optimizer (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--vary", paramLabel = "NAME.OPTION=V1,V2,…",
            description = "an option and its values, e.g. --vary dct.coefficients=4,16,64 --vary neat.speciation=on,off")
    List<String> vary = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Registry registry = Registry.load();
        ExperimentSpec.Ablate plan;
        if (specFile != null) {
            plan = Experiment.readPlan(specFile, ExperimentSpec.Ablate.class);
        } else {
            if (task == null) {
                throw new IllegalArgumentException("missing --task (or --spec FILE)");
            }
            String gen = generator != null ? generator : registry.optimizer(optimizer).defaultGenerator();
            RunSpec base = new RunSpec(task, Map.of(), gen, Map.of(), optimizer, Map.of(),
                    experiment.budget == null ? 0 : experiment.budget, 1);
            base = ComponentOptions.apply(base, experiment.options);
            plan = new ExperimentSpec.Ablate(base, vary.stream().map(ExperimentPlan.Variation::parse).toList(),
                    experiment.seeds);
        }
        Path dir = experiment.out != null ? experiment.out : Path.of("results", "ablate-" + plan.base().task());
        return Experiment.runAndReport(spec, common, cluster, experiment, registry, plan, dir, "ablate");
    }
}
