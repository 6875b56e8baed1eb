package io.hyperloom.search.experiment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A comparison or an ablation as a file: what {@code hyperloom compare|ablate --spec FILE} reads
 * and what both write as {@code experiment.json} beside their results, so an experiment can be
 * rerun or edited by hand. Its runs are {@link #specs()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = ExperimentSpec.Compare.class, name = "compare"),
        @JsonSubTypes.Type(value = ExperimentSpec.Ablate.class, name = "ablate")})
public sealed interface ExperimentSpec permits ExperimentSpec.Compare, ExperimentSpec.Ablate {

    /** Every run of the experiment. */
    List<RunSpec> specs();

    /**
     * Arms × seeds on one task.
     *
     * @param budgets per arm index, the budget in that arm's optimizer's unit (0 = the task's default)
     */
    record Compare(String task, Map<String, String> taskOptions, List<ExperimentPlan.Arm> arms, List<Long> budgets,
                   int seeds) implements ExperimentSpec {
        public Compare {
            Objects.requireNonNull(task, "task");
            taskOptions = Map.copyOf(taskOptions == null ? Map.of() : taskOptions);
            arms = List.copyOf(arms);
            budgets = List.copyOf(budgets == null ? java.util.Collections.nCopies(arms.size(), 0L) : budgets);
            if (budgets.size() != arms.size()) {
                throw new IllegalArgumentException("budgets has " + budgets.size() + " entries for " + arms.size() + " arms");
            }
        }

        @Override
        public List<RunSpec> specs() {
            List<RunSpec> out = new java.util.ArrayList<>();
            for (int i = 0; i < arms.size(); i++) {
                RunSpec base = new RunSpec(task, taskOptions, "direct", Map.of(), "cmaes", Map.of(), budgets.get(i), 1);
                out.addAll(ExperimentPlan.compare(base, List.of(arms.get(i)), seeds));
            }
            return List.copyOf(out);
        }
    }

    /** A full factorial grid of variations over a base run, × seeds. */
    record Ablate(RunSpec base, List<ExperimentPlan.Variation> vary, int seeds) implements ExperimentSpec {
        public Ablate {
            Objects.requireNonNull(base, "base");
            vary = List.copyOf(vary);
        }

        @Override
        public List<RunSpec> specs() {
            return ExperimentPlan.ablate(base, vary, seeds);
        }
    }
}
