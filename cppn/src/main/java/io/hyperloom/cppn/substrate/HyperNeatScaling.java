package io.hyperloom.cppn.substrate;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.task.Task;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Re-queries a recorded champion on a changed task without further evolution: HyperNEAT's scaling
 * test (Stanley, D'Ambrosio &amp; Gauci 2009), e.g. a CPPN evolved on boxes at 11×11 scored at 33×33.
 *
 * <p>How it works: (1) the record's spec gets the given task options laid over its own (e.g.
 * {@code size=33}); (2) the task and the generator family are built afresh from that spec, so a
 * {@link CppnFamily} computes the substrate of the new resolution; (3) the stored {@code best}
 * genome is decoded by that family and (4) scored with the task's final metrics. Any evolvable
 * family whose genome does not depend on the task's size works the same way. Stateless.
 */
public final class HyperNeatScaling {

    private final Experiments experiments;

    public HyperNeatScaling(Experiments experiments) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
    }

    /**
     * The final metrics of {@code record}'s best genome on its task with {@code taskOptions} overriding the recorded ones.
     *
     * @throws IllegalArgumentException if the record's generator is not an evolvable family (its θ is tied to one size),
     *                                  or the options are not the task's
     */
    public Map<String, Double> rescore(RunResult record, Map<String, String> taskOptions) {
        Objects.requireNonNull(record, "record");
        if (record.best() == null || record.best().isNull()) {
            throw new IllegalArgumentException("the record of seed " + record.seed() + " has no best genome");
        }
        RunSpec spec = record.spec();
        Map<String, String> merged = new HashMap<>(spec.taskOptions());
        merged.putAll(taskOptions);
        Experiments.Built built = experiments.build(spec.withTaskOptions(merged));
        GeneratorFamily family = built.family();
        if (!(family instanceof EvolvableFamily<?> evolvable)) {
            throw new IllegalArgumentException("rescoring needs a genome that decodes at any size (cppn); generator '"
                    + family.name() + "' is tied to the recorded network");
        }
        return score(built.task(), evolvable, record);
    }

    private static <G> Map<String, Double> score(Task task, EvolvableFamily<G> family, RunResult record) {
        G genome = family.fromJson(record.best());
        return Problem.evolvable(task, family).finalMetrics(genome);
    }
}
