package io.hyperloom.cppn.evolve;

import io.hyperloom.search.option.Options;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeatParametersTest {

    private static NeatParameters of(Map<String, String> given) {
        return NeatParameters.of(Options.resolve("neat", NeatParameters.options(), given));
    }

    @Test
    void weightDistributionIsParsed() {
        assertFalse(NeatParameters.DEFAULTS.uniformWeights());
        assertTrue(of(Map.of("weight-distribution", "uniform")).uniformWeights());
        assertThrows(IllegalArgumentException.class, () -> of(Map.of("weight-distribution", "cauchy")));
    }

    @Test
    void uniformPerturbationStaysWithinPower() {
        NeatParameters p = of(Map.of("weight-distribution", "uniform", "weight-power", "0.5", "weight-init", "0.25",
                "weight-perturb", "1.0", "weight-mutation", "1.0", "add-node", "0", "add-link", "0"));
        NeatBreeder b = NeatXorTest.FAMILY.breeder(io.hyperloom.search.optimize.Seeds.random(3), p);
        var g = b.create();
        g.connections().forEach(c -> assertTrue(Math.abs(c.weight()) <= 0.25, "initial weight " + c.weight()));
        var m = b.mutate(g);
        for (int i = 0; i < g.connections().size(); i++) {
            double d = m.connections().get(i).weight() - g.connections().get(i).weight();
            assertTrue(Math.abs(d) <= 0.5, "perturbation " + d);
        }
    }
}
