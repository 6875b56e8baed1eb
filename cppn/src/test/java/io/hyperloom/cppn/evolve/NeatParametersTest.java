package io.hyperloom.cppn.evolve;

import io.hyperloom.search.option.Options;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeatParametersTest {

    private static NeatParameters of(Map<String, String> given) {
        return NeatParameters.of(Options.resolve("neat", NeatParameters.options(), given));
    }

    @Test
    void weightDistributionIsParsed() {
        assertTrue(NeatParameters.DEFAULTS.uniformWeights(), "NEAT C++: uniform ±weight-power");
        assertFalse(of(Map.of("weight-distribution", "gaussian")).uniformWeights());
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

    @Test
    void ablationVariantsSwitchOffWhatThePaperSwitchedOff() {
        NeatParameters full = of(Map.of("variant", "full"));
        assertTrue(full.speciation());
        assertEquals(0, full.initialHidden());

        NeatParameters noSpeciation = of(Map.of("variant", "no-speciation"));
        assertFalse(noSpeciation.speciation());
        assertTrue(noSpeciation.initialHidden() >= 10, "nonspeciated NEAT starts from random topologies (paper, 5.5)");
        assertTrue(noSpeciation.addNode() > 0, "it still grows");

        NeatParameters noGrowth = of(Map.of("variant", "no-growth"));
        assertEquals(0.0, noGrowth.addNode());
        assertEquals(0.0, noGrowth.addLink());
        assertTrue(noGrowth.initialLayer());

        NeatParameters noMating = of(Map.of("variant", "no-mating"));
        assertEquals(1.0, noMating.mutateOnly());
        assertTrue(noMating.speciation());
    }
}
