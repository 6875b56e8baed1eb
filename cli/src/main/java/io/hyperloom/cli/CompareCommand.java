package io.hyperloom.cli;

import io.hyperloom.search.experiment.ExperimentPlan;
import io.hyperloom.search.experiment.ExperimentSpec;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.OptimizerProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom compare}: several generators on one task and target network, N seeds each,
 * one table with statistics and a report. Plain {@code hyperloom compare} is the default
 * comparison: the four families on boxes 11×11, 5 seeds.
 */
@Command(name = "compare", description = "Compare generator families on one task: every arm on the same target network and "
        + "budget, N seeds each; prints a table with statistics and writes a report. Rerunning skips recorded runs.")
final class CompareCommand implements Callable<Integer> {

    /** The optimizer each family is searched with when none is named: its lineage's own. */
    static final Map<String, String> NATURAL_OPTIMIZER = Map.of(
            "direct", "cmaes", "dct", "cmaes", "cppn", "neat", "neat", "neat", "hypernet", "adam",
            "coordnet", "adam", "hyperlstm", "adam");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ExperimentOptions experiment;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--task", defaultValue = "boxes", description = "the task (default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--generators", split = ",", defaultValue = "direct,dct,cppn,hypernet",
            description = "the arms' generator families (default: ${DEFAULT-VALUE})")
    List<String> generators;

    @Option(names = "--optimizers", split = ",", description = "one optimizer for every arm, or one per generator "
            + "(default: each family's own: direct and dct cmaes, cppn neat, hypernet adam)")
    List<String> optimizers;

    @Option(names = "--spec", paramLabel = "FILE", description = "read the comparison from a JSON file (the experiment.json "
            + "a comparison writes beside its results); the other arm and budget options are then not allowed")
    java.nio.file.Path specFile;

    @Override
    public Integer call() throws Exception {
        Registry registry = Registry.load();
        ExperimentSpec.Compare plan;
        if (specFile != null) {
            plan = Experiment.readPlan(specFile, ExperimentSpec.Compare.class);
        } else {
            List<ExperimentPlan.Arm> arms = new ArrayList<>();
            List<Long> budgets = new ArrayList<>();
            Map<String, String> taskOptions = Map.of();
            RunSpec base = new RunSpec(task, Map.of(), "direct", Map.of(), "cmaes", Map.of(), 0, 1);
            for (ExperimentPlan.Arm a : arms(registry)) {
                RunSpec s = ComponentOptions.applyWhereOwned(base.withGenerator(a.generator(), Map.of())
                        .withOptimizer(a.optimizer(), Map.of()), experiment.options);
                arms.add(new ExperimentPlan.Arm(a.generator(), s.generatorOptions(), a.optimizer(), s.optimizerOptions()));
                budgets.add(withBudget(registry, s).budget());
                taskOptions = s.taskOptions();
            }
            plan = new ExperimentSpec.Compare(task, taskOptions, arms, budgets, experiment.seeds);
        }
        List<RunSpec> specs = plan.specs();
        checkOptionsUsed(specs);
        Path dir = experiment.out != null ? experiment.out : Path.of("results", "compare-" + plan.task());
        return Experiment.runAndReport(spec, common, cluster, experiment, registry, plan, dir, "compare");
    }

    private List<ExperimentPlan.Arm> arms(Registry registry) {
        if (generators.isEmpty()) {
            throw new IllegalArgumentException("--generators needs at least one generator");
        }
        List<String> opts = optimizers == null ? List.of() : optimizers;
        if (opts.size() > 1 && opts.size() != generators.size()) {
            throw new IllegalArgumentException("--optimizers has " + opts.size() + " entries for " + generators.size()
                    + " generators: give one for all, or one per generator");
        }
        List<ExperimentPlan.Arm> arms = new ArrayList<>();
        for (int i = 0; i < generators.size(); i++) {
            String g = generators.get(i);
            registry.generator(g);
            String o = opts.isEmpty() ? NATURAL_OPTIMIZER.getOrDefault(g, "cmaes") : opts.get(opts.size() == 1 ? 0 : i);
            registry.optimizer(o);
            arms.add(new ExperimentPlan.Arm(g, Map.of(), o, Map.of()));
        }
        return arms;
    }

    private RunSpec withBudget(Registry registry, RunSpec s) {
        OptimizerProvider op = registry.optimizer(s.optimizer());
        boolean gradient = op.create(op.resolve(s.optimizerOptions())).budgetUnit()
                == io.hyperloom.search.task.Task.BudgetUnit.STEPS;
        Long evaluations = experiment.budget != null ? experiment.budget : task.equals("boxes") ? Long.valueOf(5_000) : null;
        Long steps = experiment.steps != null ? experiment.steps : evaluations != null && task.equals("boxes") ? evaluations / 4 : null;
        Long b = gradient ? steps : evaluations;
        return b == null ? s : s.withBudget(b);
    }

    private void checkOptionsUsed(List<RunSpec> specs) {
        for (String o : experiment.options) {
            int dot = o.indexOf('.');
            String owner = dot < 0 ? o : o.substring(0, dot);
            boolean used = owner.equals("task") || owner.equals("generator") || owner.equals("optimizer")
                    || specs.stream().anyMatch(s -> owner.equals(s.task()) || owner.equals(s.generator())
                    || owner.equals(s.optimizer()));
            if (!used) {
                throw new IllegalArgumentException("-o " + o + ": no arm has a task, generator or optimizer named '" + owner + "'");
            }
        }
    }

}
