package io.hyperloom.cli;

import io.hyperloom.search.bench.DctBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperloom bench dct}: generate and backward time of the dct generator beside EJML's products. */
@Command(name = "dct", description = "Time per generate (inverse DCT) and backward of the dct generator on a 784→256 "
        + "dense tensor and a 7×7 16→16 conv kernel, 256 coefficients each, single-threaded, beside the same "
        + "transform as two EJML products measured in the same run.")
final class BenchDctCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "15", description = "measurements per figure; the median is shown (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--min-seconds", defaultValue = "0.05", description = "minimum time per measurement (default: ${DEFAULT-VALUE})")
    double minSeconds;

    @Override
    public Integer call() {
        List<DctBenchmark.Result> results = List.of(DctBenchmark.denseMnist(repeats, minSeconds),
                DctBenchmark.convMnist(repeats, minSeconds));
        spec.commandLine().getOut().print(DctBenchmark.table(results));
        spec.commandLine().getOut().flush();
        return Hyperloom.OK;
    }
}
