package io.hyperloom.search.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.task.text.CharLmTask;

import java.util.Objects;

/**
 * Generates text from a recorded {@code char-lm} run: rebuilds the record's task and generator from
 * its spec, decodes its best θ and runs the network (a dynamic generator's own network where there
 * is one) character by character. Stateless apart from the {@link Experiments} it uses.
 */
public final class TextSampler {

    private final Experiments experiments;

    public TextSampler(Experiments experiments) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
    }

    /**
     * {@code chars} characters after {@code prime}, drawn with {@code temperature} from a generator
     * seeded with {@code seed} (the same arguments give the same text).
     *
     * @throws IllegalArgumentException if the record is not a char-lm run of a parametric family, or
     *                                  has no θ
     */
    public String sample(RunResult record, String prime, int chars, double temperature, long seed) {
        Experiments.Built b = experiments.build(record.spec());
        if (!(b.task() instanceof CharLmTask task)) {
            throw new IllegalArgumentException("sample needs a char-lm record, this one is " + record.task());
        }
        if (!(b.family() instanceof ParametricFamily family)) {
            throw new IllegalArgumentException("sample needs a fixed-length θ; " + record.generator()
                    + " records its own genome");
        }
        JsonNode best = record.best();
        if (best == null || !best.has("theta")) {
            throw new IllegalArgumentException("the record has no best θ to sample from");
        }
        double[] theta = Json.decodeDoubles(best.get("theta").asText());
        if (theta.length != family.parameterCount()) {
            throw new IllegalArgumentException("the record's θ has " + theta.length + " values, its spec needs "
                    + family.parameterCount() + " (a different corpus or options?)");
        }
        Network net = Problem.parametric(task, family).newNetwork(theta);
        return task.sample(net, prime, chars, temperature, Seeds.random(seed));
    }
}
