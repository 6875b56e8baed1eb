package io.hyperloom.search.experiment;

import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;
import io.hyperloom.search.task.xor.XorProvider;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistryTest {

    /** xor under another name, giving CMA-ES a σ of its own. */
    private static final class PresetXor implements TaskProvider {
        private final XorProvider xor = new XorProvider();

        public String name() { return "preset-xor"; }
        public String description() { return "xor with a CMA-ES preset"; }
        public List<io.hyperloom.search.option.OptionSpec> options() { return xor.options(); }
        public Task create(Options options, Environment environment) { return xor.create(options, environment); }
        @Override
        public Map<String, String> defaultsFor(String component) {
            return component.equals("cmaes") ? Map.of("sigma", "0.5") : Map.of();
        }
    }

    private static Registry withPreset() {
        Registry r = Registry.load();
        List<TaskProvider> tasks = new ArrayList<>(r.tasks());
        tasks.add(new PresetXor());
        return new Registry(tasks, r.generators(), r.optimizers());
    }

    @Test
    void aTasksOwnOptionDefaultReplacesTheOptimizersDefaultAndLandsInTheResolvedSpec() {
        RunSpec resolved = withPreset().resolve(RunSpec.of("preset-xor", "direct", "cmaes", 1));
        assertEquals("0.5", resolved.optimizerOptions().get("sigma"));
        assertEquals("1.0", Registry.load().resolve(RunSpec.of("xor", "direct", "cmaes", 1)).optimizerOptions().get("sigma"));
    }

    @Test
    void anOptionGivenByTheUserWinsOverTheTasksDefault() {
        RunSpec given = new RunSpec("preset-xor", Map.of(), "direct", Map.of(), "cmaes", Map.of("sigma", "2"), 0, 1);
        assertEquals("2.0", withPreset().resolve(given).optimizerOptions().get("sigma"));
    }

    @Test
    void aTasksDefaultForOneOptimizerLeavesOthersAlone() {
        RunSpec resolved = withPreset().resolve(RunSpec.of("preset-xor", "direct", "ga", 1));
        assertEquals(Registry.load().resolve(RunSpec.of("xor", "direct", "ga", 1)).optimizerOptions(), resolved.optimizerOptions());
    }

    @Test
    void doublePoleNvRestartsCmaesBipopStyleAndWhenARunRefinesOnePointBelowAThousandthOfSigma0() {
        RunSpec resolved = Registry.load().resolve(RunSpec.of("double-pole-nv", "direct", "cmaes", 1));
        assertEquals("0.001", resolved.optimizerOptions().get("tol-x"));
        assertEquals("bipop", resolved.optimizerOptions().get("restart"));
        assertEquals("1.0E-12", Registry.load().resolve(RunSpec.of("double-pole", "direct", "cmaes", 1))
                .optimizerOptions().get("tol-x"));
    }
}
