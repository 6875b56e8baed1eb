package io.hyperloom.cli;

import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.OptionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperloom list}: every task, generator and optimizer with its options and defaults. */
@Command(name = "list", description = "List tasks, generators and optimizers with their options and defaults.")
final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Registry r = Registry.load();
        PrintWriter out = spec.commandLine().getOut();
        section(out, "Tasks", r.tasks());
        section(out, "Generators", r.generators());
        section(out, "Optimizers", r.optimizers());
        out.println("Set an option with -o NAME.OPTION=VALUE, NAME being task, generator, optimizer or the component's name,");
        out.println("e.g. -o boxes.size=33 -o adam.lr=0.01.");
        out.flush();
        return Hyperloom.OK;
    }

    private static void section(PrintWriter out, String title, List<? extends Component> components) {
        out.println(title + ":");
        for (Component c : components) {
            out.printf("  %-16s %s%n", c.name(), c.description());
            for (OptionSpec o : c.options()) {
                out.printf("      %-20s = %-12s %s%n", o.name(), o.defaultValue().isEmpty() ? "\"\"" : o.defaultValue(),
                        o.description() + (o.type() == OptionSpec.Type.CHOICE ? " [" + String.join("|", o.choices()) + "]" : ""));
            }
        }
        out.println();
    }
}
