package io.hyperloom.search.generator.dct;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;
import io.hyperloom.search.generator.dct.DctWeightGenerator.Axes;
import io.hyperloom.search.generator.dct.DctWeightGenerator.Biases;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.optimize.Seeds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DctWeightGeneratorTest {

    private static final double EXACT = 1e-10;

    private static final Architecture DENSE = Architecture.of("dense", Shape.grid(3, 4),
            new Layer.Dense(Shape.grid(2, 3), Activation.TANH, true), new Layer.Dense(5, Activation.SOFTMAX));
    private static final Architecture CONV = Architecture.of("conv", new Shape(2, 6, 6),
            Layer.Conv2d.same(3, 3, Activation.RELU), new Layer.Dense(4, Activation.SOFTMAX));
    private static final Architecture ONES = Architecture.of("ones", Shape.grid(1, 7),
            new Layer.Dense(Shape.grid(1, 1), Activation.TANH, true), new Layer.Dense(Shape.grid(1, 3), Activation.TANH, false));

    @Nested
    class DenseNatural extends WeightGeneratorContract {
        @Override
        protected WeightGenerator generator() {
            return new DctWeightGenerator(DENSE.layout(), Axes.NATURAL, Biases.DIRECT, 5, 0);
        }
    }

    @Nested
    class ConvNatural extends WeightGeneratorContract {
        @Override
        protected WeightGenerator generator() {
            return new DctWeightGenerator(CONV.layout(), Axes.NATURAL, Biases.DCT, 7, 0);
        }
    }

    @Nested
    class MixedSheetsWithBudget extends WeightGeneratorContract {
        @Override
        protected WeightGenerator generator() {
            Architecture mixed = Architecture.of("mixed", new Shape(1, 5, 5), Layer.Conv2d.same(2, 3, Activation.RELU),
                    new Layer.MaxPool(2, 1), new Layer.Recurrent(Shape.grid(2, 2), Activation.TANH, true),
                    new Layer.Dense(3, Activation.SOFTMAX));
            return new DctWeightGenerator(mixed.layout(), Axes.SHEETS, Biases.DIRECT, 1, 40);
        }
    }

    @Nested
    class OneElementAxes extends WeightGeneratorContract {
        @Override
        protected WeightGenerator generator() {
            return new DctWeightGenerator(ONES.layout(), Axes.SHEETS, Biases.DCT, 2, 0);
        }
    }

    /** A one-tensor layout with an arbitrary natural shape (the NATURAL view takes it as is). */
    private static ParameterLayout tensorOfShape(int... shape) {
        int size = NaiveDct.size(shape);
        return new ParameterLayout(List.of(new ParameterTensor("t", ParameterTensor.Role.WEIGHT, 0, 0.0,
                java.util.Arrays.stream(shape).boxed().toList(), 0, Shape.grid(1, size), Shape.grid(1, 1))));
    }

    private static int[] randomShape(SplittableRandom r) {
        int d = 1 + r.nextInt(4);
        int[] n = new int[d];
        for (int a = 0; a < d; a++) {
            n[a] = 1 + r.nextInt(d <= 2 ? 9 : 5);
        }
        return n;
    }

    private static int[] dropOnes(int[] n) {
        int[] v = java.util.Arrays.stream(n).filter(e -> e > 1).toArray();
        return v.length == 0 ? new int[] {1} : v;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void generateAndBackwardMatchNaiveSums(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 6; trial++) {
            int[] shape = randomShape(r);
            int k = 1 + r.nextInt(NaiveDct.size(shape));
            // row sums only, and every stage through the kernel (which hands such small products to its plain loops)
            assertMatchesNaive(shape, k, r, Long.MAX_VALUE, 0);
        }
    }

    /** Shapes big enough that the stages' products run on the Vector-API kernel's packed path. */
    @ParameterizedTest
    @ValueSource(strings = {"30x50:120", "50x30:300", "4x16x24:50", "3x4x8x16:40", "1500:30"})
    void kernelStagesMatchNaiveSums(String c) {
        String[] parts = c.split(":");
        int[] shape = java.util.Arrays.stream(parts[0].split("x")).mapToInt(Integer::parseInt).toArray();
        int k = Integer.parseInt(parts[1]);
        SplittableRandom r = new SplittableRandom(c.hashCode());
        assertMatchesNaive(shape, k, r, DctWeightGenerator.GEMM_THRESHOLD, 0);
    }

    /** Generators with each of {@code gemmThresholds} against one naive evaluation. */
    private static void assertMatchesNaive(int[] shape, int k, SplittableRandom r, long... gemmThresholds) {
        int[] view = dropOnes(shape);
        int size = NaiveDct.size(shape);
        double[] theta = gaussian(r, k);
        List<int[]> order = NaiveDct.order(view);
        double[] coeffs = new double[size];
        for (int j = 0; j < k; j++) {
            coeffs[NaiveDct.flat(view, order.get(j))] = theta[j];
        }
        double[] expectedW = NaiveDct.inverse(view, coeffs);
        double[] dw = gaussian(r, size);
        double[] full = NaiveDct.forward(view, dw);
        double[] expectedDTheta = new double[k];
        for (int j = 0; j < k; j++) {
            expectedDTheta[j] = full[NaiveDct.flat(view, order.get(j))];
        }
        for (long threshold : gemmThresholds) {
            DctWeightGenerator g = new DctWeightGenerator(tensorOfShape(shape), Axes.NATURAL, Biases.DIRECT, k, 0,
                    io.hyperloom.search.kernel.MatrixKernel.best(), threshold);
            String what = java.util.Arrays.toString(shape) + " k=" + k + " gemm>=" + threshold;
            // NaN-filled output: every element must be written, none read
            double[] w = new double[size];
            java.util.Arrays.fill(w, Double.NaN);
            assertArrayEquals(expectedW, g.generate(theta, w), EXACT, what);
            assertArrayEquals(expectedDTheta, g.backward(theta, dw, new double[k]), EXACT, what);
        }
    }

    @Test
    void frequencyOrderIsBySumThenLexicographic() {
        int[][] expected = {{0, 0}, {0, 1}, {1, 0}, {0, 2}, {1, 1}, {2, 0}, {1, 2}, {2, 1}, {2, 2}};
        int[][] got = Frequencies.lowest(new int[] {3, 3}, 9);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got[i], "position " + i);
        }
        // extents cut a level short: in 2×4, sum 2 has (0,2), (1,1) but no (2,0)
        assertArrayEquals(new int[] {1, 1}, Frequencies.lowest(new int[] {2, 4}, 5)[4]);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void frequencyOrderMatchesSortedIndices(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 10; trial++) {
            int[] n = randomShape(r);
            List<int[]> order = NaiveDct.order(n);
            int k = 1 + r.nextInt(order.size());
            int[][] got = Frequencies.lowest(n, k);
            for (int j = 0; j < k; j++) {
                assertArrayEquals(order.get(j), got[j], java.util.Arrays.toString(n) + " position " + j);
            }
        }
    }

    @Test
    void fullCoefficientsPreserveEnergyAndRoundTrip() {
        SplittableRandom r = new SplittableRandom(31);
        for (int[] shape : new int[][] {{7}, {4, 9}, {3, 1, 5}, {2, 3, 4, 3}}) {
            int size = NaiveDct.size(shape);
            DctWeightGenerator g = new DctWeightGenerator(tensorOfShape(shape), Axes.NATURAL, Biases.DIRECT, size, 0);
            double[] theta = gaussian(r, size);
            double[] w = g.generate(theta, new double[size]);
            assertEquals(dot(theta, theta), dot(w, w), 1e-9 * dot(theta, theta), "energy of " + java.util.Arrays.toString(shape));
            assertArrayEquals(theta, g.encode(w, new double[size]), EXACT, "forward ∘ inverse");
            double[] anyW = gaussian(r, size);
            assertArrayEquals(anyW, g.generate(g.encode(anyW, new double[size]), new double[size]), EXACT, "inverse ∘ forward");
        }
    }

    @Test
    void fullCoefficientsReproduceAnyWeightsOfALayout() {
        ParameterLayout layout = CONV.layout();
        DctWeightGenerator g = new DctWeightGenerator(layout, Axes.SHEETS, Biases.DCT, 1_000_000, 0);
        assertEquals(layout.weightCount(), g.parameterCount());
        double[] w = gaussian(new SplittableRandom(32), layout.weightCount());
        assertArrayEquals(w, g.generate(g.encode(w, new double[w.length]), new double[w.length]), EXACT);
    }

    @Test
    void keptCoefficientsAreCappedAndDirectBiasesCopied() {
        DctWeightGenerator g = new DctWeightGenerator(DENSE.layout(), Axes.NATURAL, Biases.DIRECT, 10, 0);
        // l0.w 6×12 keeps 10, l0.b 6 direct, l1.w 5×6 keeps 10, l1.b 5 direct
        assertEquals(10 + 6 + 10 + 5, g.parameterCount());
        assertEquals(Map.of("coefficients", 20, "biases", 11), g.parameterParts());
        double[] theta = gaussian(new SplittableRandom(33), g.parameterCount());
        double[] w = g.generate(theta, new double[DENSE.layout().weightCount()]);
        ParameterTensor b0 = DENSE.layout().tensor("l0.b");
        for (int i = 0; i < b0.size(); i++) {
            assertEquals(theta[10 + i], w[b0.offset() + i], 0.0);
        }
        DctWeightGenerator tiny = new DctWeightGenerator(ONES.layout(), Axes.NATURAL, Biases.DCT, 64, 0);
        assertEquals(7 + 1 + 3, tiny.parameterCount());
    }

    @Test
    void sheetsViewFollowsTheSubstrate() {
        Architecture boxes = Architecture.of("b", Shape.grid(5, 5), new Layer.Dense(Shape.grid(5, 5), Activation.SOFTMAX, true));
        ParameterTensor w = boxes.layout().tensor("l0.w");
        assertArrayEquals(new int[] {5, 5, 5, 5}, DctWeightGenerator.view(w, Axes.SHEETS));
        assertArrayEquals(new int[] {25, 25}, DctWeightGenerator.view(w, Axes.NATURAL));
        assertArrayEquals(new int[] {5, 5}, DctWeightGenerator.view(boxes.layout().tensor("l0.b"), Axes.SHEETS));
        ParameterTensor conv = CONV.layout().tensor("l0.w");
        assertArrayEquals(new int[] {3, 2, 3, 3}, DctWeightGenerator.view(conv, Axes.SHEETS));
    }

    @Test
    void budgetIsSplitInProportionToSize() {
        assertArrayEquals(new int[] {75, 25}, DctWeightGenerator.allocate(new int[] {300, 100}, 100));
        assertArrayEquals(new int[] {1, 2, 7}, DctWeightGenerator.allocate(new int[] {10, 20, 70}, 10));
        assertArrayEquals(new int[] {10, 20}, DctWeightGenerator.allocate(new int[] {10, 20}, 500));
        assertArrayEquals(new int[] {1, 5}, DctWeightGenerator.allocate(new int[] {1, 1000}, 5));
        DctWeightGenerator g = new DctWeightGenerator(DENSE.layout(), Axes.NATURAL, Biases.DIRECT, 1, 20);
        assertEquals(20 + 6 + 5, g.parameterCount());
    }

    @Test
    void initialWeightsHaveTheRuleRootMeanSquare() {
        Architecture a = Architecture.of("a", Shape.grid(16, 16), new Layer.Dense(Shape.grid(8, 8), Activation.TANH, true));
        DctFamily f = new DctFamily(new DctWeightGenerator(a.layout(), Axes.SHEETS, Biases.DIRECT, 32, 0),
                Initialisation.LECUN, 0.5);
        ParameterTensor w = a.layout().tensor("l0.w");
        double sumSquares = 0;
        int runs = 200;
        var rng = Seeds.random(34);
        double[] weights = new double[a.layout().weightCount()];
        for (int i = 0; i < runs; i++) {
            double[] theta = f.initialTheta(rng, new double[f.parameterCount()]);
            f.generator().generate(theta, weights);
            for (int e = w.offset(); e < w.end(); e++) {
                sumSquares += weights[e] * weights[e];
            }
        }
        double rms = Math.sqrt(sumSquares / ((double) runs * w.size()));
        double lecun = 1.0 / 16;
        // 200 draws of 32 coefficients: the mean square has relative sd √(2/6400) ≈ 1.8 %
        double tolerance = 0.05;
        assertEquals(lecun, rms, tolerance * lecun);
        assertEquals(0.5 * Math.sqrt((double) a.layout().weightCount() / f.parameterCount()), f.searchScale(), 1e-12);
    }

    @Test
    void providerIsRegisteredAndChecksOptions() {
        GeneratorProvider p = ServiceLoader.load(GeneratorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("dct")).findFirst().orElseThrow();
        GeneratorFamily f = p.create(DENSE.layout(), p.resolve(Map.of("coefficients", "3", "axes", "sheets")));
        assertTrue(f instanceof DctFamily);
        assertEquals(3 + 6 + 3 + 5, ((DctFamily) f).parameterCount());
        assertThrows(IllegalArgumentException.class, () -> p.resolve(Map.of("biases", "maybe")));
        assertThrows(IllegalArgumentException.class, () -> p.create(DENSE.layout(), p.resolve(Map.of("coefficients", "0"))));
    }

    private static double[] gaussian(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
