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
    void theGainScalesTheGeneratedTensorAndItsGradientButNotTheDirectOnes() {
        CoordnetFamily raw = CoordnetContractTest.family(Map.of("widths", "6", "generate", "l0.w", "gain", "1"));
        CoordnetFamily scaled = CoordnetContractTest.family(Map.of("widths", "6", "generate", "l0.w", "gain", "0.25"));
        double[] theta = raw.initialTheta(Seeds.random(5), new double[raw.parameterCount()]);
        double[] w1 = raw.generator().generate(theta, new double[raw.layout().weightCount()]);
        double[] w2 = scaled.generator().generate(theta, new double[raw.layout().weightCount()]);
        ParameterTensor t = raw.layout().tensor("l0.w");
        for (int i = 0; i < w1.length; i++) {
            double expected = i >= t.offset() && i < t.end() ? 0.25 * w1[i] : w1[i];
            assertEquals(expected, w2[i], 1e-15 * (1 + Math.abs(expected)));
        }
        double[] dw = new double[w1.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < dw.length; i++) {
            dw[i] = r.nextDouble(-1, 1);
        }
        double[] g1 = raw.generator().backward(theta, dw, new double[theta.length]);
        double[] g2 = scaled.generator().backward(theta, dw, new double[theta.length]);
        int cppn = raw.generator().cppnCount();
        for (int i = 0; i < theta.length; i++) {
            double expected = i < cppn ? 0.25 * g1[i] : g1[i];
            assertEquals(expected, g2[i], 1e-12 * (1 + Math.abs(expected)));
        }
    }

    @Test
    void theDefaultGainIsTheTensorsInitialisationStdSoTheCppnOutputsValuesOfOrderOne() {
        CoordnetFamily f = CoordnetContractTest.family(Map.of("widths", "6", "generate", "l0.w"));
        ParameterTensor t = f.layout().tensor("l0.w");
        assertEquals(1.0 / Math.sqrt(t.fanIn()), f.generator().gain(0), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordnetContractTest.family(Map.of("gain", "-1")));
        assertEquals(true, e.getMessage().contains("gain"));
    }

    @Test
    void unknownTensorIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordnetContractTest.family(Map.of("generate", "l9.w")));
        assertEquals(true, e.getMessage().contains("l0.w"));
    }
}
