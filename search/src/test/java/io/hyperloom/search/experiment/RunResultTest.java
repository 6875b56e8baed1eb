package io.hyperloom.search.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperloom.search.experiment.table.Runs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunResultTest {

    @Test
    void solvedAtRoundTripsThroughJson() throws Exception {
        RunResult r = Runs.solvedAt("direct", 1, 1050, 903);
        String line = Json.MAPPER.writeValueAsString(r);
        assertTrue(line.contains("\"solved_at\":903"), line);
        RunResult back = Json.MAPPER.readValue(line, RunResult.class);
        assertEquals(line, Json.MAPPER.writeValueAsString(back));
        assertEquals(903L, back.solvedAt());
        assertEquals(903, back.evaluationsToSolve());
        assertEquals(1050, back.evaluations());
    }

    @Test
    void recordsWrittenBeforeSolvedAtReadAndCountTheEvaluationsSpent() throws Exception {
        ObjectNode node = Json.MAPPER.valueToTree(Runs.solvedAt("direct", 1, 1050, 903));
        node.remove("solved_at");
        RunResult old = Json.MAPPER.treeToValue(node, RunResult.class);
        assertNull(old.solvedAt());
        assertEquals(Boolean.TRUE, old.solved());
        assertEquals(1050, old.evaluationsToSolve());
    }

    @Test
    void unsolvedRunsHaveNoSolvedAt() throws Exception {
        RunResult r = Runs.solving("direct", 2, 3000, false);
        String line = Json.MAPPER.writeValueAsString(r);
        assertTrue(line.contains("\"solved_at\":null"), line);
        assertNull(Json.MAPPER.readValue(line, RunResult.class).solvedAt());
        assertFalse(line.contains("\"solved_at\":3000"));
    }

    @Test
    void solvedAtMustLieWithinTheEvaluationsOfASolvedRun() {
        assertThrows(IllegalArgumentException.class, () -> Runs.solvedAt("direct", 1, 1050, 1051));
        assertThrows(IllegalArgumentException.class, () -> Runs.solvedAt("direct", 1, 1050, 0));
        RunResult unsolved = Runs.solving("direct", 2, 3000, false);
        assertThrows(IllegalArgumentException.class, () -> new RunResult(unsolved.task(), unsolved.generator(),
                unsolved.optimizer(), unsolved.seed(), unsolved.spec(), unsolved.specHash(), unsolved.thetaCount(),
                unsolved.thetaParts(), unsolved.weightCount(), unsolved.compression(), 3000, 0, 0, 1.0, false, 10L,
                unsolved.bestFitness(), unsolved.metrics(), unsolved.curve(), null, 0, null, unsolved.versions()));
    }
}
