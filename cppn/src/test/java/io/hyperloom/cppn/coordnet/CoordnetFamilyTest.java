package io.hyperloom.cppn.coordnet;

import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.task.images.ImageArchitectures;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.Options;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CoordnetFamilyTest {

    private static final double SCALE_TOLERANCE = 1e-9;

    @Test
    void defaultWidthsGiveHaEtAlsParameterCountOnTheMnistMlp() {
        CoordnetProvider p = new CoordnetProvider();
        ParameterLayout layout = ImageArchitectures.mnistMlp().layout();
        CoordnetFamily f = (CoordnetFamily) p.create(layout, new Options(p.resolve(Map.of()).values()));
        assertEquals(801, f.generator().cppnCount());
        assertEquals("l0.w", f.generator().generatedTensors().get(0).name());
        assertEquals(layout.weightCount() - 784 * 256 + 801, f.parameterCount());
    }

    @Test
    void initialGeneratedWeightsAreCentredAtTheInitialisationsScaleAndDirectTensorsAreCopied() {
        CoordnetFamily f = CoordnetContractTest.family(Map.of("widths", "6", "generate", "l0.w"));
        double[] theta = f.initialTheta(Seeds.random(3), new double[f.parameterCount()]);
        double[] w = f.generator().generate(theta, new double[f.layout().weightCount()]);
        ParameterTensor t = f.layout().tensor("l0.w");
        double sum = 0;
        double ss = 0;
        for (int i = t.offset(); i < t.end(); i++) {
            sum += w[i];
            ss += w[i] * w[i];
        }
        double mean = sum / t.size();
        assertEquals(0.0, mean, SCALE_TOLERANCE);
        assertEquals(1.0 / Math.sqrt(t.fanIn()), Math.sqrt(ss / t.size() - mean * mean), SCALE_TOLERANCE);
        ParameterTensor d = f.layout().tensor("l1.w");
        double[] direct = java.util.Arrays.copyOfRange(w, d.offset(), d.end());
        int at = f.generator().cppnCount() + f.layout().tensor("l0.b").size();
        assertArrayEquals(java.util.Arrays.copyOfRange(theta, at, at + d.size()), direct);
    }

    @Test
    void unknownTensorIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordnetContractTest.family(Map.of("generate", "l9.w")));
        assertEquals(true, e.getMessage().contains("l0.w"));
    }
}
