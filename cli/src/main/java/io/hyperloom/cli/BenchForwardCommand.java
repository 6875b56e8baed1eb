package io.hyperloom.cli;

import io.hyperloom.search.bench.ForwardBenchmark;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.kernel.PlainKernel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hyperloom bench forward}: batched forward (and forward+backward) GFLOP/s beside EJML's product. */
@Command(name = "forward", description = "Batched forward and forward+backward GFLOP/s of the boxes net and a "
        + "784-256-10 MLP, single-threaded, beside EJML's matrix product of similar size measured in the same run.")
final class BenchForwardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "7", description = "measurements per figure; the median is shown (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--min-seconds", defaultValue = "0.5", description = "minimum time per measurement (default: ${DEFAULT-VALUE})")
    double minSeconds;

    @Option(names = "--mlp-batch", split = ",", defaultValue = "500", description = "MLP batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> mlpBatches;

    @Option(names = "--plain", description = "use the plain (reference) kernel instead of the fastest one")
    boolean plain;

    @Override
    public Integer call() {
        ForwardBenchmark.Options o = ForwardBenchmark.Options.defaults().withRepeats(repeats).withMinSeconds(minSeconds)
                .withMlpBatches(mlpBatches);
        ForwardBenchmark.Result r = ForwardBenchmark.run(o, plain ? PlainKernel.INSTANCE : MatrixKernel.best());
        spec.commandLine().getOut().print(r.table());
        spec.commandLine().getOut().flush();
        return Hyperloom.OK;
    }
}
