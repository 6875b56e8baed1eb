package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.ConditionalWeightGenerator;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.optimize.continual.OutputRegulariser;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task-conditioned hypernetwork at a non-zero task keeps the generator contract; plus its own checks. */
class TaskHypernetContractTest extends WeightGeneratorContract {

    /** 12-7-3: 91 + 7 + ... weights, cut into chunks of 16 (the last one overhangs). */
    static final Architecture SMALL = Architecture.of("small", Shape.grid(3, 4),
            new Layer.Dense(7, Activation.RELU), new Layer.Dense(3, Activation.SOFTMAX));

    static TaskHypernetWeightGenerator small() {
        return new TaskHypernetWeightGenerator(SMALL.layout(),
                TaskHypernetConfig.of(3, 4, 3, 16, new int[] {6, 5}, Initialisation.HE));
    }

    @Override
    protected WeightGenerator generator() {
        return small().at(2);
    }

    @Test
    void contextsShareHButNotTheirWeights() {
        TaskHypernetWeightGenerator g = small();
        double[] theta = g.initialTheta(new SplittableRandom(3), new double[g.parameterCount()]);
        int w = SMALL.layout().weightCount();
        double[] w0 = g.generate(theta, 0, new double[w]);
        double[] w1 = g.generate(theta, 1, new double[w]);
        assertFalse(Arrays.equals(w0, w1));
        assertArrayEquals(w0, g.generate(theta, new double[w]), 0.0, "the plain generate is context 0");
        assertEquals(g.parameterCount(), g.parameterParts().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals((w + 15) / 16, g.chunkCount());
        // the gradient of task 1's weights never reaches the other tasks' embeddings
        double[] d = g.backward(theta, 1, filled(w, 1.0), new double[theta.length]);
        for (int t : new int[] {0, 2}) {
            for (int j = 0; j < 4; j++) {
                assertEquals(0.0, d[g.taskEmbeddingOffset(t) + j]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> g.generate(theta, 3, new double[w]));
    }

    @Test
    void startsNearTheInitialisationScale() {
        TaskHypernetWeightGenerator g = new TaskHypernetWeightGenerator(Layouts.MNIST_MLP.layout(),
                TaskHypernetConfig.of(10, 24, 8, 2000, new int[] {100, 100}, Initialisation.HE));
        double[] theta = g.initialTheta(new SplittableRandom(5), new double[g.parameterCount()]);
        double[] w = g.generate(theta, 4, new double[Layouts.MNIST_MLP.layout().weightCount()]);
        var l0 = Layouts.MNIST_MLP.layout().tensor("l0.w");
        double sq = 0;
        for (int i = l0.offset(); i < l0.end(); i++) {
            sq += w[i] * w[i];
        }
        double rms = Math.sqrt(sq / l0.size());
        double he = Initialisation.HE.std(l0);
        assertTrue(rms > 0.3 * he && rms < 3 * he, "rms " + rms + " against He std " + he);
    }

    @Test
    void regulariserGradientThroughTheHypernetMatchesFiniteDifferences() {
        ConditionalWeightGenerator g = small();
        SplittableRandom r = new SplittableRandom(8);
        double[] theta = ((TaskHypernetWeightGenerator) g).initialTheta(r, new double[g.parameterCount()]);
        OutputRegulariser reg = new OutputRegulariser(g, 0.01);
        reg.store(0, theta);
        reg.store(1, theta);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.1 * r.nextGaussian();
        }
        int[] held = {0, 1};
        double[] grad = new double[theta.length];
        reg.addGradient(theta, held, grad);
        double eps = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + eps;
            double up = reg.addGradient(theta, held, new double[theta.length]);
            theta[i] = keep - eps;
            double down = reg.addGradient(theta, held, new double[theta.length]);
            theta[i] = keep;
            double fd = (up - down) / (2 * eps);
            assertEquals(fd, grad[i], 1e-5 * Math.max(1e-3, Math.abs(fd)) + 1e-9, "dR/dθ[" + i + "]");
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
