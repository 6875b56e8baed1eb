package io.hyperloom.cli;

import io.hyperloom.search.experiment.CompatibilityMatrix;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.task.TaskProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom list}: every task, generator and optimizer with its options and defaults; with
 * {@code --matrix}, whether each task × generator × optimizer runs, and why not.
 */
@Command(name = "list", description = "List tasks, generators and optimizers with their options and defaults.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--matrix", description = "for every task × generator × optimizer: whether it runs, "
            + "and why not (built as `hyperloom run` would, with default options)")
    boolean matrix;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR",
            description = "where datasets are, for --matrix (default: $HYPERLOOM_DATA, else ~/.hyperloom/data)")
    Path dataDir;

    @Override
    public Integer call() {
        Registry r = Registry.load();
        PrintWriter out = spec.commandLine().getOut();
        if (matrix) {
            printMatrix(out, new Experiments(r, Environment.resolve(dataDir)));
            out.flush();
            return Hyperloom.OK;
        }
        section(out, r, "Tasks", r.tasks());
        section(out, r, "Generators", r.generators());
        section(out, r, "Optimizers", r.optimizers());
        out.println("Set an option with -o NAME.OPTION=VALUE, NAME being task, generator, optimizer or the component's name,");
        out.println("e.g. -o boxes.size=33 -o adam.lr=0.01.");
        out.flush();
        return Hyperloom.OK;
    }

    private static void section(PrintWriter out, Registry registry, String title, List<? extends Component> components) {
        out.println(title + ":");
        for (Component c : components) {
            out.printf("  %-16s %s%n", c.name(), c.description());
            for (OptionSpec o : c.options()) {
                out.printf("      %-20s = %-12s %s%n", o.name(), o.defaultValue().isEmpty() ? "\"\"" : o.defaultValue(),
                        o.description() + (o.type() == OptionSpec.Type.CHOICE ? " [" + String.join("|", o.choices()) + "]" : ""));
            }
            if (c instanceof TaskProvider tp) {
                for (Component other : Stream.concat(registry.generators().stream(), registry.optimizers().stream()).toList()) {
                    tp.defaultsFor(other.name()).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                            out.printf("      %-20s = %-12s this task's default for %s%n", other.name() + "." + e.getKey(),
                                    e.getValue(), other.kind()));
                }
            }
        }
        out.println();
    }

    private static void printMatrix(PrintWriter out, Experiments experiments) {
        List<CompatibilityMatrix.Cell> cells = CompatibilityMatrix.of(experiments);
        String task = null;
        for (CompatibilityMatrix.Cell c : cells) {
            if (!c.task().equals(task)) {
                task = c.task();
                out.println(task + ":");
            }
            out.printf("  %-10s %-8s %s%n", c.generator(), c.optimizer(), c.runs() ? "runs" : "no: " + c.reason());
        }
        long runs = cells.stream().filter(CompatibilityMatrix.Cell::runs).count();
        out.println(runs + " of " + cells.size() + " combinations run.");
    }
}
