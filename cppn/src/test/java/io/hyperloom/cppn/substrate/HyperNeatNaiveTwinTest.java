package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.boxes.BoxesTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperNeatNaiveTwinTest {

    static final Architecture ARCH = Architecture.of("small", new Shape(2, 4, 4),
            Layer.Conv2d.same(2, 3, Activation.RELU), new Layer.Dense(Shape.grid(2, 3), Activation.TANH, true));

    static SubstrateConfig config(boolean rich, SubstrateConfig.Outputs outputs, SubstrateConfig.Expression e) {
        return new SubstrateConfig(rich, rich, rich, true, outputs, e, 0.2, 3.0,
                List.of(CppnActivation.BIPOLAR_SIGMOID, CppnActivation.GAUSSIAN, CppnActivation.SINE,
                        CppnActivation.TANH, CppnActivation.IDENTITY, CppnActivation.ABS), CppnActivation.BIPOLAR_SIGMOID);
    }

    /** Inputs computed independently of {@link Substrate}, from the tensor's sheets. */
    static double[] inputs(SubstrateConfig c, ParameterTensor t, int e) {
        int tgt = t.targetOf(e);
        double x1 = 0, y1 = 0, z1 = 0;
        if (!t.isBias()) {
            int s = t.sourceOf(e);
            x1 = t.source().x(s);
            y1 = t.source().y(s);
            z1 = t.source().z(s);
        }
        double x2 = t.target().x(tgt), y2 = t.target().y(tgt), z2 = t.target().z(tgt);
        List<Double> in = new ArrayList<>(List.of(x1, y1));
        if (c.z()) {
            in.add(z1);
        }
        in.addAll(List.of(x2, y2));
        if (c.z()) {
            in.add(z2);
        }
        if (c.depth()) {
            in.add(t.depth());
        }
        if (c.distance()) {
            in.add(Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1) + (z2 - z1) * (z2 - z1)));
        }
        return in.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void assertMatchesNaive(CppnFamily f, CppnGenome g) {
        HyperNeatWeightGenerator gen = f.generator(g);
        double[] w = gen.generate(g.theta(), new double[f.layout().weightCount()]);
        List<ParameterTensor> tensors = f.layout().tensors();
        Substrate sub = f.substrate();
        for (int ti = 0; ti < tensors.size(); ti++) {
            ParameterTensor t = tensors.get(ti);
            Substrate.Query q = sub.queries().get(ti);
            for (int e = 0; e < t.size(); e++) {
                double[] out = NaiveCppn.evaluate(g, inputs(f.config(), t, e));
                double expected = HyperNeatWeightGenerator.express(out[q.output], q.leo < 0 ? 1 : out[q.leo], t.isBias(),
                        f.config());
                assertEquals(expected, w[t.offset() + e], 1e-12, "tensor " + t.name() + " element " + e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void compiledMatchesRecursiveOnRandomGenomes(long seed) {
        for (SubstrateConfig.Outputs o : SubstrateConfig.Outputs.values()) {
            for (SubstrateConfig.Expression e : SubstrateConfig.Expression.values()) {
                CppnFamily f = new CppnFamily(ARCH.layout(), config(seed % 2 == 0, o, e));
                assertMatchesNaive(f, Genomes.random(f, seed, 25));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void scalarEvaluateMatchesRecursive(long seed) {
        CppnFamily f = new CppnFamily(ARCH.layout(), config(true, SubstrateConfig.Outputs.PER_TENSOR,
                SubstrateConfig.Expression.LEO));
        CppnGenome g = Genomes.random(f, seed, 30);
        CompiledCppn c = new CompiledCppn(g);
        double[] in = {0.3, -0.2, 0.9, 0.1, -0.7, 0.5, 0.2, 0.4};
        double[] a = c.evaluate(g.theta(), in, new double[c.outputCount()]);
        double[] b = NaiveCppn.evaluate(g, in);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-12);
        }
    }

    /**
     * A CPPN is a function of coordinates only, so at 33×33 the neurons that sit where 11×11 ones do
     * (grid indices 0, 16, 32 ↔ 0, 5, 10) get the same weights.
     */
    @Test
    void higherResolutionRepeatsThePattern() {
        CppnFamily small = new CppnFamily(new BoxesTask(11, 0).architecture().layout(), SubstrateConfig.defaults());
        CppnFamily large = new CppnFamily(new BoxesTask(33, 0).architecture().layout(), SubstrateConfig.defaults());
        CppnGenome g = Genomes.random(small, 21, 30);
        double[] ws = small.generator(g).generate(g.theta(), new double[small.layout().weightCount()]);
        double[] wl = large.generator(g).generate(g.theta(), new double[large.layout().weightCount()]);
        int[] i11 = {0, 5, 10};
        int[] i33 = {0, 16, 32};
        int compared = 0;
        int nonzero = 0;
        for (int sy = 0; sy < 3; sy++) {
            for (int sx = 0; sx < 3; sx++) {
                for (int ty = 0; ty < 3; ty++) {
                    for (int tx = 0; tx < 3; tx++) {
                        int es = (i11[ty] * 11 + i11[tx]) * 121 + i11[sy] * 11 + i11[sx];
                        int el = (i33[ty] * 33 + i33[tx]) * 1089 + i33[sy] * 33 + i33[sx];
                        assertEquals(ws[es], wl[el], 1e-12);
                        compared++;
                        nonzero += ws[es] != 0 ? 1 : 0;
                    }
                }
            }
            int bs = 121 * 121 + i11[sy] * 11 + i11[sy];
            int bl = 1089 * 1089 + i33[sy] * 33 + i33[sy];
            assertEquals(ws[bs], wl[bl], 1e-12);
        }
        assertEquals(81, compared);
        assertTrue(nonzero > 0, "the test genome expresses no weight at the compared points");
    }
}
