package io.hyperloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.render.WeightImages;
import io.hyperloom.search.task.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom render}: writes every generated weight tensor as a PNG heat map (through
 * {@link WeightImages}), either of a recorded run's best θ ({@code --from}) or of a random θ drawn
 * from the family's initialisation ({@code --seed}).
 */
@Command(name = "render", description = "Write each generated weight tensor as a PNG heat map: of a recorded run's "
        + "best (--from RESULTS.jsonl) or of a random θ from the generator's initialisation.")
final class RenderCommand implements Callable<Integer> {

    /** The optimizer named in the spec of a random render; it is never run, only resolved. */
    private static final String NOMINAL_OPTIMIZER = "cmaes";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where datasets are, for dataset tasks (default: $HYPERLOOM_DATA, else ~/.hyperloom/data)")
    Path dataDir;

    @Option(names = "--task", paramLabel = "TASK", description = "the task (with --from: only records of this task)")
    String task;

    @Option(names = "--generator", paramLabel = "GEN", description = "the generator family (with --from: only records of this generator)")
    String generator;

    @Option(names = "--from", paramLabel = "RESULTS.jsonl", description = "render the best θ of a recorded run")
    Path from;

    @Option(names = "--run", paramLabel = "N", description = "with --from: the N-th matching record (0 = first, in file order) "
            + "instead of the one with the highest best_fitness")
    Integer run;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the random θ (without --from; default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME.OPTION=VALUE",
            description = "an option of the task or generator for a random θ, e.g. -o dct.coefficients=16")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory for the PNGs (created if missing)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Registry registry = Registry.load();
        Experiments experiments = new Experiments(registry,
                dataDir != null ? new Environment(dataDir) : Environment.fromSystem());
        PrintWriter w = spec.commandLine().getOut();
        Rendered r = from != null ? recorded(experiments) : random(registry, experiments);
        List<WeightImages.Image> images = WeightImages.DEFAULT.write(r.layout, r.weights, out);
        w.println(r.what);
        for (WeightImages.Image i : images) {
            w.printf(Locale.ROOT, "  %-12s %4d×%-4d  [%.4g, %.4g]  %s%n", i.tensor(), i.width(), i.height(), i.min(),
                    i.max(), i.file());
        }
        w.println("  colour bar and index: " + out.resolve("colorbar.png") + ", " + out.resolve("weights.tsv"));
        w.flush();
        return Hyperloom.OK;
    }

    private record Rendered(String what, ParameterLayout layout, double[] weights) {
    }

    private Rendered random(Registry registry, Experiments experiments) {
        if (run != null) {
            throw new IllegalArgumentException("--run picks a record and needs --from RESULTS.jsonl");
        }
        if (task == null || generator == null) {
            throw new IllegalArgumentException("without --from, both --task and --generator are needed; valid tasks: "
                    + String.join(", ", registry.tasks().stream().map(t -> t.name()).toList())
                    + "; valid generators: "
                    + String.join(", ", registry.generators().stream().map(g -> g.name()).toList()));
        }
        RunSpec s = ComponentOptions.apply(new RunSpec(task, Map.of(), generator, Map.of(), NOMINAL_OPTIMIZER, Map.of(), 0,
                seed), options);
        GeneratorFamily family = build(experiments, s).family();
        if (!(family instanceof ParametricFamily p)) {
            throw new IllegalArgumentException("a random θ can be drawn only for a parametric generator (fixed-length θ); "
                    + generator + " evolves structure: render a recorded run with --from");
        }
        double[] theta = p.initialTheta(Seeds.random(seed), new double[p.parameterCount()]);
        return new Rendered(String.format(Locale.ROOT, "%s on %s, random θ (seed %d, |θ| %d)", generator, task, seed,
                theta.length), p.layout(), generate(p.generator(), theta, p.layout()));
    }

    private Rendered recorded(Experiments experiments) throws IOException {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("-o sets options of a random θ; a recorded run is rendered with its own spec");
        }
        ResultsFile.Contents contents;
        try {
            contents = new ResultsFile(from).read();
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("cannot read results file " + from, e);
        }
        List<RunResult> matching = contents.results().stream()
                .filter(r -> task == null || r.task().equals(task))
                .filter(r -> generator == null || r.generator().equals(generator))
                .toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no record in " + from + " matches"
                    + (task == null ? "" : " task " + task) + (generator == null ? "" : " generator " + generator)
                    + " (" + contents.results().size() + " records)");
        }
        RunResult r;
        if (run != null) {
            if (run < 0 || run >= matching.size()) {
                throw new IllegalArgumentException("--run must be in [0, " + (matching.size() - 1) + "] (the matching "
                        + "records), got " + run);
            }
            r = matching.get(run);
        } else {
            r = matching.stream().max(Comparator.comparingDouble(RunResult::bestFitness)).orElseThrow();
        }
        GeneratorFamily family = build(experiments, r.spec()).family();
        JsonNode best = r.best();
        if (best == null || best.isNull()) {
            throw new IllegalArgumentException("the record (seed " + r.seed() + ") carries no best candidate");
        }
        String what = String.format(Locale.ROOT, "%s on %s, best of the %s run with seed %d (best fitness %.6g)",
                r.generator(), r.task(), r.optimizer(), r.seed(), r.bestFitness());
        return switch (family) {
            case ParametricFamily p -> {
                if (!best.hasNonNull("theta") || !best.get("theta").isTextual()) {
                    throw new IllegalArgumentException("the record's best has no \"theta\" (base64 doubles)");
                }
                double[] theta = Json.decodeDoubles(best.get("theta").asText());
                if (theta.length != p.parameterCount()) {
                    throw new IllegalArgumentException("the record's θ has " + theta.length + " numbers, its spec's "
                            + "generator " + p.parameterCount());
                }
                yield new Rendered(what, p.layout(), generate(p.generator(), theta, p.layout()));
            }
            case EvolvableFamily<?> e -> evolved(e, best, what);
            default -> throw new IllegalArgumentException("generator " + r.generator()
                    + " evolves the network itself; it has no generated weight tensors to render");
        };
    }

    private static <G> Rendered evolved(EvolvableFamily<G> family, JsonNode best, String what) {
        EvolvableFamily.Decoded d = family.decode(family.fromJson(best));
        return new Rendered(what, family.layout(), generate(d.generator(), d.theta(), family.layout()));
    }

    private static Experiments.Built build(Experiments experiments, RunSpec s) {
        return experiments.build(s);
    }

    private static double[] generate(WeightGenerator g, double[] theta, ParameterLayout layout) {
        return g.generate(theta, new double[layout.weightCount()]);
    }
}
