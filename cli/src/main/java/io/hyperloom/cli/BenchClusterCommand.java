package io.hyperloom.cli;

import io.hyperloom.cluster.ClusterBenchmark;
import io.hyperloom.cluster.ClusterSettings;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom bench cluster}: boxes evaluations per second on local threads and on a
 * loopback cluster of worker JVMs (this JVM coordinates as a lite member), with the same total
 * number of evaluation threads.
 */
@Command(name = "cluster", description = "Evaluations/s of the boxes task on local threads and on a loopback "
        + "Hazelcast cluster of worker JVMs with the same total threads, and the ratio (goal >= 0.8 on two cores).")
final class BenchClusterCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--evaluations", defaultValue = "10000", description = "evaluations per side (default: ${DEFAULT-VALUE})")
    int evaluations;

    @Option(names = "--batch", defaultValue = "1000", description = "candidates per generation (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--size", defaultValue = "11", description = "boxes field side (default: ${DEFAULT-VALUE})")
    int size;

    // One worker JVM holding every thread is the deployment docs/cluster.md prescribes (one worker
    // per machine); with the lite coordinator that is the 2-member loopback cluster.
    @Option(names = "--workers", defaultValue = "1",
            description = "worker JVMs, the threads split evenly over them (default: ${DEFAULT-VALUE}, one per machine "
                    + "as in a real deployment)")
    int workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "local evaluation threads, split evenly over the workers (default: all cores)")
    Integer threads;

    // Three batches left the workers' JIT compiling into the measurement: cppn measured 0.77 of the
    // local rate after 3 and 0.88-0.90 after 12, local rates rising too.
    @Option(names = "--warm-up", defaultValue = "12", paramLabel = "BATCHES",
            description = "unmeasured batches per side before timing starts, so both sides run compiled code "
                    + "(default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--port", defaultValue = "5801", description = "first loopback port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--generators", split = ",", defaultValue = "direct,cppn",
            description = "generator families measured, one after the other (default: ${DEFAULT-VALUE}): direct ships "
                    + "each candidate's 14,762 weights (118 KB), cppn a HyperNEAT genome of a few hundred bytes")
    List<String> generators;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Experiments experiments = new Experiments(Registry.load(), new io.hyperloom.search.task.Environment(
                Path.of(System.getProperty("java.io.tmpdir"))));
        for (String generator : generators) {
            String optimizer = generator.equals("direct") ? "cmaes" : "neat";
            RunSpec runSpec = RunSpec.of("boxes", generator, optimizer, 1)
                    .withTaskOptions(Map.of("size", Integer.toString(size)));
            ClusterBenchmark.Options o = new ClusterBenchmark.Options(runSpec, evaluations, batch, workers, t, port, warmUp);
            ClusterBenchmark.Result r = ClusterBenchmark.run(o, experiments, BenchClusterCommand::workerCommand);
            spec.commandLine().getOut().print(r.table());
            spec.commandLine().getOut().flush();
        }
        return Hyperloom.OK;
    }

    /** This JVM's java and class path running {@code hyperloom worker}. */
    static List<String> workerCommand(ClusterSettings s, int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-XX:+UseParallelGC");
        // A worker allocates a few chunk-sized arrays per chunk (megabytes): a fixed, pre-touched
        // young generation keeps page faults out of its operation threads and GCs rare.
        cmd.addAll(List.of("-Xms512m", "-Xmn384m", "-XX:+AlwaysPreTouch"));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Hyperloom.class.getName());
        cmd.addAll(List.of("worker", "--cluster", s.name(), "--members", String.join(",", s.members()),
                "--interface", s.iface(), "--port", Integer.toString(s.port()), "--threads", Integer.toString(threads),
                "--quiet"));
        return cmd;
    }
}
