package io.hyperloom.search.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runs of a comparison or an ablation, as a list of specs: arms × seeds, or the cells of a
 * full factorial grid × seeds. A value; running it is {@link ExperimentRunner}'s job.
 */
public final class ExperimentPlan {

    private ExperimentPlan() {
    }

    /** One arm of a comparison: a generator searched by an optimizer, with their options. */
    public record Arm(String generator, Map<String, String> generatorOptions, String optimizer,
                      Map<String, String> optimizerOptions) {
        public Arm {
            Objects.requireNonNull(generator, "generator");
            Objects.requireNonNull(optimizer, "optimizer");
            generatorOptions = Map.copyOf(generatorOptions);
            optimizerOptions = Map.copyOf(optimizerOptions);
        }

        public String label() {
            return generator + "/" + optimizer;
        }
    }

    /** Every arm × seeds {@code 1..seeds} on the base spec's task, options and budget. */
    public static List<RunSpec> compare(RunSpec base, List<Arm> arms, int seeds) {
        checkSeeds(seeds);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one arm");
        }
        List<RunSpec> specs = new ArrayList<>();
        for (Arm a : arms) {
            for (int s = 1; s <= seeds; s++) {
                specs.add(base.withGenerator(a.generator(), a.generatorOptions())
                        .withOptimizer(a.optimizer(), a.optimizerOptions()).withSeed(s));
            }
        }
        return List.copyOf(specs);
    }

    /** One varied option: its owner (task, generator, optimizer or a component name), name and values. */
    public record Variation(String owner, String option, List<String> values) {
        public Variation {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(option, "option");
            values = List.copyOf(values);
            if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("--vary " + owner + "." + option + " needs a non-empty list of values");
            }
        }

        /**
         * Parses {@code owner.option=v1,v2,…}.
         *
         * @throws IllegalArgumentException naming what is malformed
         */
        public static Variation parse(String text) {
            int eq = text.indexOf('=');
            int dot = text.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("--vary '" + text + "' is not NAME.OPTION=V1,V2,…");
            }
            String values = text.substring(eq + 1);
            if (values.isBlank()) {
                throw new IllegalArgumentException("--vary '" + text + "' has an empty value list");
            }
            return new Variation(text.substring(0, dot), text.substring(dot + 1, eq), List.of(values.split(",", -1)));
        }

        public String key() {
            return owner + "." + option;
        }
    }

    /** The full factorial grid of the variations over the base spec, × seeds {@code 1..seeds}. */
    public static List<RunSpec> ablate(RunSpec base, List<Variation> variations, int seeds) {
        checkSeeds(seeds);
        if (variations.isEmpty()) {
            throw new IllegalArgumentException("an ablation needs at least one --vary");
        }
        List<Map<String, String>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (Variation v : variations) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : cells) {
                for (String value : v.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(v.key(), value);
                    next.add(m);
                }
            }
            cells = next;
        }
        List<RunSpec> specs = new ArrayList<>();
        for (Map<String, String> cell : cells) {
            RunSpec s = apply(base, cell);
            for (int seed = 1; seed <= seeds; seed++) {
                specs.add(s.withSeed(seed));
            }
        }
        return List.copyOf(specs);
    }

    /** Applies {@code owner.option → value} settings to a spec's option maps. */
    public static RunSpec apply(RunSpec spec, Map<String, String> settings) {
        Map<String, String> t = new LinkedHashMap<>(spec.taskOptions());
        Map<String, String> g = new LinkedHashMap<>(spec.generatorOptions());
        Map<String, String> o = new LinkedHashMap<>(spec.optimizerOptions());
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String owner = key.substring(0, dot);
            String option = key.substring(dot + 1);
            boolean both = owner.equals(spec.generator()) && owner.equals(spec.optimizer());
            if (owner.equals("task") || owner.equals(spec.task())) {
                t.put(option, e.getValue());
            } else if (both) {
                // a generator and an optimizer of the same name (neat): the option goes where it is declared
                boolean onOptimizer = Registry.load().optimizer(owner).options().stream()
                        .anyMatch(x -> x.name().equals(option));
                (onOptimizer ? o : g).put(option, e.getValue());
            } else if (owner.equals("generator") || owner.equals(spec.generator())) {
                g.put(option, e.getValue());
            } else if (owner.equals("optimizer") || owner.equals(spec.optimizer())) {
                o.put(option, e.getValue());
            } else {
                throw new IllegalArgumentException("'" + key + "': '" + owner + "' is none of task, generator, optimizer, "
                        + spec.task() + ", " + spec.generator() + ", " + spec.optimizer());
            }
        }
        return spec.withTaskOptions(t).withGenerator(spec.generator(), g).withOptimizer(spec.optimizer(), o);
    }

    private static void checkSeeds(int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
    }
}
