package io.hyperloom.cluster;

import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;
import io.hyperloom.search.task.boxes.BoxesTask;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A test task: boxes, slowed down (so a member can be killed while chunks are in flight), throwing
 * for some seeds (failure accounting), or refusing to be built where a marker file is missing
 * (worker setup failures).
 */
public final class ProbeTaskProvider implements TaskProvider {

    public static final String NAME = "cluster-probe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test only: boxes with a delay, failing seeds and a required marker file";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("size", 7, "boxes field side"),
                OptionSpec.ofInt("sleep-ms", 0, "milliseconds slept per evaluation"),
                OptionSpec.ofInt("fail-one-in", 0, "throw for seeds ≡ 0 mod this (0 = never)"),
                OptionSpec.ofChoice("require-marker", "no", "refuse to build without <data-dir>/marker", "no", "yes"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        if (options.string("require-marker").equals("yes") && !Files.exists(environment.dataDir().resolve("marker"))) {
            throw new IllegalArgumentException("no marker in " + environment.dataDir());
        }
        return new Probe(new BoxesTask(options.intValue("size"), 20), options.intValue("sleep-ms"),
                options.intValue("fail-one-in"));
    }

    private record Probe(BoxesTask boxes, int sleepMs, int failOneIn) implements Task {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Architecture architecture() {
            return boxes.architecture();
        }

        @Override
        public Score evaluate(Network net, long seed) {
            if (failOneIn > 0 && seed != 0 && Math.floorMod(seed, failOneIn) == 0) {
                throw new IllegalStateException("probe failure for seed " + seed);
            }
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return boxes.evaluate(net, seed);
        }

        @Override
        public Map<String, Double> finalMetrics(Network net) {
            return boxes.finalMetrics(net);
        }

        @Override
        public int evaluationBatch() {
            return boxes.evaluationBatch();
        }

        @Override
        public boolean hasSuccessCriterion() {
            return boxes.hasSuccessCriterion();
        }

        @Override
        public double worstFitness() {
            return boxes.worstFitness();
        }

        @Override
        public long defaultBudget(BudgetUnit unit) {
            return boxes.defaultBudget(unit);
        }
    }
}
