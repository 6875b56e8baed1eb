package io.hyperloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hyperloom bench}: throughput figures, each beside a reference measured in the same run. */
@Command(name = "bench", description = "Throughput benchmarks, each printed beside a reference measured in the same run.",
        subcommands = {BenchForwardCommand.class, BenchHyperneatCommand.class, BenchClusterCommand.class,
                BenchDctCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
