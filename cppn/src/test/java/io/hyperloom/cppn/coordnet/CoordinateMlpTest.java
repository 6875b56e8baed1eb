package io.hyperloom.cppn.coordnet;

import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.optimize.Seeds;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batched coordinate MLP against its naive twin, the general compiled CPPN. */
class CoordinateMlpTest {

    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @CsvSource({"'4,3', tanh, false", "'6', relu, true", "'', tanh, false", "'5,4,3', sine, true",
            "'3', gaussian, false"})
    void generateAndBackwardEqualTheCompiledCppn(String widths, String activation, boolean distance) {
        Map<String, String> o = new HashMap<>(Map.of("widths", widths, "activation", activation,
                "generate", "all-weights", "distance", Boolean.toString(distance), "gain", "1"));
        CoordnetFamily f = CoordnetContractTest.family(o);
        CoordnetWeightGenerator g = f.generator();
        RandomGenerator rng = Seeds.random(11);
        double[] theta = f.initialTheta(rng, new double[f.parameterCount()]);
        for (int i = 0; i < g.cppnCount(); i++) {
            theta[i] += 0.5 * rng.nextGaussian(); // away from the init's special scaling
        }
        double[] fast = g.generateSub(theta);
        double[] naive = g.naiveGenerateSub(theta);
        assertEquals(naive.length, fast.length);
        for (int i = 0; i < fast.length; i++) {
            assertEquals(naive[i], fast[i], TOLERANCE, "w[" + i + "]");
        }
        double[] dW = new double[f.layout().weightCount()];
        for (int i = 0; i < dW.length; i++) {
            dW[i] = rng.nextGaussian();
        }
        double[] dSub = new double[fast.length];
        int off = 0;
        for (ParameterTensor t : g.generatedTensors()) {
            System.arraycopy(dW, t.offset(), dSub, off, t.size());
            off += t.size();
        }
        double[] expected = g.naiveBackwardSub(theta, dSub, new double[g.cppnCount()]);
        double[] actual = g.backward(theta, dW, new double[g.parameterCount()]);
        for (int i = 0; i < g.cppnCount(); i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * (1 + Math.abs(expected[i])), "dθ[" + i + "]");
        }
    }

    @ParameterizedTest
    @CsvSource({"3000", "1024", "1"})
    void blocksAreSeamlessAcrossBlockBoundaries(int rows) {
        // a single-output MLP over a long coordinate matrix equals the same rows evaluated one by one
        RandomGenerator rng = Seeds.random(5);
        double[] x = new double[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 2 - 1;
        }
        CoordinateMlp mlp = new CoordinateMlp(2, new int[]{3}, 1, io.hyperloom.cppn.genome.CppnActivation.TANH,
                java.util.List.of(x), io.hyperloom.search.kernel.MatrixKernel.best());
        double[] theta = new double[mlp.thetaCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextGaussian();
        }
        double[] w = new double[rows];
        mlp.generate(0, theta, w, 0);
        for (int r = 0; r < rows; r++) {
            double out = theta[9 + 3];
            for (int j = 0; j < 3; j++) {
                double z = theta[j * 3 + 2] + theta[j * 3] * x[2 * r] + theta[j * 3 + 1] * x[2 * r + 1];
                out += theta[9 + j] * Math.tanh(z);
            }
            assertEquals(out, w[r], TOLERANCE, "row " + r);
        }
    }
}
