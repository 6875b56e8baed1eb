package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.kernel.PlainKernel;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.boxes.BoxesTask;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HypernetWeightGeneratorTest {

    /**
     * Relative tolerance on the std of initial weights: generated tiles are rescaled to the exact RMS,
     * so only their small mean and the sampling error of direct tensors (≥ 784 draws: ±5% at 2σ) remain.
     */
    private static final double STD_TOLERANCE = 0.1;

    private static HypernetWeightGenerator paperSetting(MatrixKernel kernel) {
        return new HypernetWeightGenerator(Layouts.MNIST_CONV.layout(),
                new HypernetConfig(4, 4, 16, 16, "l2.w", Initialisation.LECUN), kernel);
    }

    private static double[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void paperSettingHas4240HypernetParametersAnd4EmbeddingNumbers() {
        HypernetWeightGenerator g = paperSetting(MatrixKernel.best());
        ParameterLayout layout = Layouts.MNIST_CONV.layout();
        assertEquals(List.of("l0.w", "l0.b", "l2.w", "l2.b", "l4.w", "l4.b"), layout.names());
        assertEquals(12_544, layout.tensor("l2.w").size());
        // d·(N_z+1)·N_in + f·f·N_out·(d+1) = 4·5·16 + 7·7·16·5
        assertEquals(4_240, g.hypernetCount());
        assertEquals(4, g.embeddingCount());
        assertEquals(1, g.tileCount());
        assertEquals(layout.weightCount() - 12_544, g.directCount());
        assertEquals(Map.of("hypernet", 4_240, "embeddings", 4, "direct", layout.weightCount() - 12_544), g.parameterParts());
        assertEquals(List.of("hypernet", "embeddings", "direct"), List.copyOf(g.parameterParts().keySet()));
        assertEquals(4_240 + 4 + layout.weightCount() - 12_544, g.parameterCount());
    }

    @Test
    void defaultGeneratesTheLargestTensorWhichIsConv2OnMnistConv() {
        HypernetWeightGenerator g = new HypernetWeightGenerator(Layouts.MNIST_CONV.layout(), HypernetConfig.DEFAULT);
        assertEquals(List.of("l2.w"), g.generatedTensors().stream().map(ParameterTensor::name).toList());
        assertEquals(4_240, g.hypernetCount());
    }

    @Test
    void matchesTheNaiveTwinOnEveryLayout() {
        record Case(Architecture arch, HypernetConfig config) {
        }
        List<Case> cases = List.of(
                new Case(Layouts.MNIST_CONV, new HypernetConfig(4, 4, 16, 16, "l2.w", Initialisation.LECUN)),
                new Case(Layouts.MNIST_CONV, new HypernetConfig(3, 5, 6, 5, HypernetConfig.ALL_WEIGHTS, Initialisation.HE)),
                new Case(Layouts.SMALL_CONV, new HypernetConfig(3, 2, 2, 2, HypernetConfig.ALL_WEIGHTS, Initialisation.LECUN)),
                new Case(Layouts.MIXED, new HypernetConfig(2, 3, 3, 2, "l0.w,l2.u,l3.w", Initialisation.GLOROT)),
                new Case(new BoxesTask(11, 0).architecture(), HypernetConfig.DEFAULT),
                new Case(Layouts.MNIST_MLP, HypernetConfig.DEFAULT));
        long seed = 1;
        for (Case c : cases) {
            for (MatrixKernel kernel : List.of(PlainKernel.INSTANCE, MatrixKernel.best())) {
                ParameterLayout layout = c.arch().layout();
                HypernetWeightGenerator g = new HypernetWeightGenerator(layout, c.config(), kernel);
                double[] theta = gaussian(g.parameterCount(), seed++);
                double[] expected = NaiveHypernet.generate(layout, c.config(), theta);
                double[] actual = g.generate(theta, new double[layout.weightCount()]);
                assertArrayEquals(expected, actual, 1e-10, c.arch().name() + " " + c.config() + " on " + kernel.name());
            }
        }
    }

    @Test
    void backwardAgreesAcrossKernels() {
        ParameterLayout layout = new BoxesTask(11, 0).architecture().layout();
        HypernetConfig config = new HypernetConfig(3, 5, 16, 12, HypernetConfig.LARGEST, Initialisation.LECUN);
        HypernetWeightGenerator plain = new HypernetWeightGenerator(layout, config, PlainKernel.INSTANCE);
        HypernetWeightGenerator best = new HypernetWeightGenerator(layout, config, MatrixKernel.best());
        double[] theta = gaussian(plain.parameterCount(), 31);
        double[] dw = gaussian(layout.weightCount(), 32);
        double[] expected = plain.backward(theta, dw, new double[theta.length]);
        double[] actual = best.backward(theta, dw, new double[theta.length]);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * (1 + Math.abs(expected[i])), "dθ[" + i + "]");
        }
    }

    @Test
    void boxesLayoutIsTiledWithCroppedEdgeTiles() {
        ParameterLayout layout = new BoxesTask(11, 0).architecture().layout();
        HypernetWeightGenerator g = new HypernetWeightGenerator(layout, HypernetConfig.DEFAULT);
        assertEquals(List.of("l0.w"), g.generatedTensors().stream().map(ParameterTensor::name).toList());
        assertEquals(64, g.tileCount()); // ⌈121/16⌉² tiles, the last row and column cropped to 9
        assertEquals(4 * 5 * 16 + 16 * 5, g.hypernetCount());
        assertEquals(64 * 4, g.embeddingCount());
        assertEquals(121, g.directCount());
    }

    @Test
    void mnistMlpNeedsOnlyOptions() {
        ParameterLayout layout = Layouts.MNIST_MLP.layout();
        HypernetWeightGenerator g = new HypernetWeightGenerator(layout, HypernetConfig.DEFAULT);
        assertEquals(List.of("l0.w"), g.generatedTensors().stream().map(ParameterTensor::name).toList());
        assertEquals(16 * 49, g.tileCount());
        HypernetWeightGenerator all = new HypernetWeightGenerator(layout,
                new HypernetConfig(4, 4, 16, 16, HypernetConfig.ALL_WEIGHTS, Initialisation.LECUN));
        assertEquals(16 * 49 + 16, all.tileCount()); // l1.w is 10×256: tiles clamped to 10×16
        assertEquals(layout.tensor("l0.b").size() + layout.tensor("l1.b").size(), all.directCount());
    }

    @Test
    void initialWeightsStartAtTheStandardScale() {
        record Case(Architecture arch, HypernetConfig config) {
        }
        List<Case> cases = List.of(
                new Case(Layouts.MNIST_CONV, new HypernetConfig(4, 4, 16, 16, "l2.w", Initialisation.LECUN)),
                new Case(Layouts.MNIST_CONV, new HypernetConfig(4, 4, 16, 16, HypernetConfig.ALL_WEIGHTS, Initialisation.HE)),
                new Case(new BoxesTask(11, 0).architecture(), HypernetConfig.DEFAULT),
                new Case(Layouts.MNIST_MLP, new HypernetConfig(4, 4, 16, 16, HypernetConfig.ALL_WEIGHTS, Initialisation.GLOROT)));
        for (Case c : cases) {
            ParameterLayout layout = c.arch().layout();
            HypernetWeightGenerator g = new HypernetWeightGenerator(layout, c.config());
            double[] theta = g.initialTheta(new SplittableRandom(42), new double[g.parameterCount()]);
            double[] w = g.generate(theta, new double[layout.weightCount()]);
            for (ParameterTensor t : layout.tensors()) {
                double expected = c.config().init().std(t);
                double sum = 0;
                double sq = 0;
                for (int i = t.offset(); i < t.end(); i++) {
                    sum += w[i];
                    sq += w[i] * w[i];
                }
                double mean = sum / t.size();
                double std = Math.sqrt(sq / t.size() - mean * mean);
                if (t.isBias()) {
                    assertEquals(0.0, std, 0.0, t.name() + " bias starts at zero");
                    continue;
                }
                String what = c.arch().name() + " " + t.name() + " (" + (g.generatedTensors().contains(t) ? "generated" : "direct") + ")";
                assertEquals(expected, std, STD_TOLERANCE * expected, what + " std");
                assertEquals(0.0, mean, 0.25 * expected, what + " mean");
            }
        }
    }

    @Test
    void initialThetaIsSeeded() {
        HypernetWeightGenerator g = paperSetting(MatrixKernel.best());
        double[] a = g.initialTheta(new SplittableRandom(3), new double[g.parameterCount()]);
        double[] b = g.initialTheta(new SplittableRandom(3), new double[g.parameterCount()]);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void generateAndBackwardAllocateNothingInSteadyState() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ParameterLayout layout = Layouts.MNIST_MLP.layout();
        // the plain kernel, so nothing depends on the JIT intrinsifying vectors
        HypernetWeightGenerator g = new HypernetWeightGenerator(layout, HypernetConfig.DEFAULT, PlainKernel.INSTANCE);
        double[] theta = g.initialTheta(new SplittableRandom(5), new double[g.parameterCount()]);
        double[] w = new double[layout.weightCount()];
        double[] dw = gaussian(w.length, 6);
        double[] dTheta = new double[theta.length];
        g.generate(theta, w);
        g.backward(theta, dw, dTheta);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 3; i++) {
            g.generate(theta, w);
            g.backward(theta, dw, dTheta);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // one set of intermediates alone would be over 2 MB (K and A of 784 tiles)
        assertTrue(allocated < 4 * 1024, "allocated " + allocated + " bytes in 3 passes");
    }

    @Test
    void providerIsRegisteredAndBuildsFromOptions() {
        GeneratorProvider p = ServiceLoader.load(GeneratorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("hypernet")).findFirst().orElseThrow();
        Options defaults = p.resolve(Map.of());
        GeneratorFamily f = p.create(Layouts.MNIST_CONV.layout(), defaults);
        ParametricFamily pf = (ParametricFamily) f;
        assertEquals("hypernet", pf.name());
        assertEquals(4_240, pf.generator().parameterParts().get("hypernet"));
        assertEquals(4, pf.generator().parameterParts().get("embeddings"));

        GeneratorFamily boxes = p.create(new BoxesTask(11, 0).architecture().layout(),
                p.resolve(Map.of("tile", "11x11", "nz", "2", "d", "3")));
        assertEquals(11 * 11 * 2, ((ParametricFamily) boxes).generator().parameterParts().get("embeddings"));
        GeneratorFamily mlp = p.create(Layouts.MNIST_MLP.layout(), p.resolve(Map.of("generate", "all-weights", "init", "he")));
        assertEquals(Layouts.MNIST_MLP.layout().weightCount(), ((ParametricFamily) mlp).layout().weightCount());
    }

    @Test
    void rejectsBadOptionsWithAHelpfulMessage() {
        ParameterLayout layout = Layouts.MNIST_CONV.layout();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
                new HypernetWeightGenerator(layout, new HypernetConfig(4, 4, 16, 16, "l9.w", Initialisation.LECUN)));
        assertTrue(unknown.getMessage().contains("l9.w") && unknown.getMessage().contains("l2.w"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new HypernetWeightGenerator(layout, new HypernetConfig(4, 4, 16, 16, "l2.b", Initialisation.LECUN)));
        assertThrows(IllegalArgumentException.class, () -> new HypernetConfig(0, 4, 16, 16, "largest", Initialisation.LECUN));
        assertThrows(IllegalArgumentException.class, () -> new HypernetConfig(4, 4, 16, 16, "largest", Initialisation.ZERO));
        for (String bad : List.of("16y16", "0x4", "x", "4x4x4", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HypernetConfig.parseTile(bad));
            assertTrue(e.getMessage().contains("OUTxIN"), e.getMessage());
        }
        assertArrayEquals(new int[] {8, 8}, HypernetConfig.parseTile("8"));
        assertArrayEquals(new int[] {16, 4}, HypernetConfig.parseTile("16x4"));
    }
}
