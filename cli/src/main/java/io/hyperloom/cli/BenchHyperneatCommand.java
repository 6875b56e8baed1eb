package io.hyperloom.cli;

import io.hyperloom.cppn.bench.HyperNeatBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code hyperloom bench hyperneat}: HyperNEAT evaluations per second on boxes beside Encog's figures, and a 55×55 decode. */
@Command(name = "hyperneat", description = "HyperNEAT evaluations per second on boxes (CPPN decode plus the 75 trials), "
        + "1 thread and all threads, beside Encog 3.4's figures; and the time to decode a 55×55 substrate.")
final class BenchHyperneatCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--population", defaultValue = "500", description = "CPPNs per pass (default: ${DEFAULT-VALUE})")
    int population;

    @Option(names = "--size", defaultValue = "11", description = "boxes field size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--decode-size", defaultValue = "55", description = "substrate size of the decode timing (default: ${DEFAULT-VALUE})")
    int decodeSize;

    @Option(names = "--repeats", defaultValue = "5", description = "measurements per figure; the median is shown (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--min-seconds", defaultValue = "1.0", description = "minimum time per measurement (default: ${DEFAULT-VALUE})")
    double minSeconds;

    @Option(names = "--threads", description = "threads of the 'all' figure (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        HyperNeatBenchmark.Settings d = HyperNeatBenchmark.Settings.defaults();
        HyperNeatBenchmark.Settings s = new HyperNeatBenchmark.Settings(population, size, d.mutations(), repeats,
                minSeconds, threads == null ? d.threads() : threads, decodeSize, d.seed());
        spec.commandLine().getOut().print(HyperNeatBenchmark.run(s).table());
        spec.commandLine().getOut().flush();
        return Hyperloom.OK;
    }
}
