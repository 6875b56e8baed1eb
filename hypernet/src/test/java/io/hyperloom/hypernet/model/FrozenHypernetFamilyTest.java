package io.hyperloom.hypernet.model;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrozenHypernetFamilyTest {

    private static final HypernetConfig CONFIG = new HypernetConfig(4, 3, 5, 5, HypernetConfig.LARGEST, Initialisation.LECUN);

    @Test
    void optionTrainEmbeddingsSearchesEverythingButH() {
        HypernetProvider p = new HypernetProvider();
        var all = (HypernetFamily) p.create(Layouts.DENSE_25.layout(),
                new Options(p.resolve(Map.of("nz", "4", "d", "3", "tile", "5x5")).values()));
        var frozen = assertInstanceOf(FrozenHypernetFamily.class, p.create(Layouts.DENSE_25.layout(),
                new Options(p.resolve(Map.of("nz", "4", "d", "3", "tile", "5x5", "train", "embeddings")).values())));
        HypernetWeightGenerator g = all.generator();
        assertEquals(g.parameterCount() - g.hypernetCount(), frozen.parameterCount());
        assertEquals(Map.of("embeddings", g.embeddingCount(), "direct", g.directCount()),
                frozen.generator().parameterParts());
    }

    @Test
    void generatesWhatTheFullGeneratorDoesWithTheFrozenHInFront() {
        FrozenHypernetFamily f = FrozenHypernetFamily.of(Layouts.DENSE_25.layout(), CONFIG, 3, 0.1);
        double[] theta = f.initialTheta(Seeds.random(4), new double[f.parameterCount()]);
        double[] h = f.generator().frozenH();
        double[] full = new double[h.length + theta.length];
        System.arraycopy(h, 0, full, 0, h.length);
        System.arraycopy(theta, 0, full, h.length, theta.length);
        int n = f.layout().weightCount();
        assertArrayEquals(f.generator().inner().generate(full, new double[n]), f.generator().generate(theta, new double[n]));
        // H is the full family's initial H for the seed: the same rule, drawn once
        double[] drawn = f.generator().inner().initialTheta(Seeds.random(3), new double[full.length]);
        assertArrayEquals(Arrays.copyOf(drawn, h.length), h);
    }

    @Test
    void initialEmbeddingsAreRescaledAgainstTheFrozenH() {
        FrozenHypernetFamily f = FrozenHypernetFamily.of(Layouts.DENSE_25.layout(), CONFIG, 3, 0.1);
        double[] theta = f.initialTheta(Seeds.random(8), new double[f.parameterCount()]);
        double[] w = f.generator().generate(theta, new double[f.layout().weightCount()]);
        var t = f.generator().inner().generatedTensors().get(0);
        double ss = 0;
        for (int i = t.offset(); i < t.end(); i++) {
            ss += w[i] * w[i];
        }
        assertEquals(1.0 / Math.sqrt(t.fanIn()), Math.sqrt(ss / t.size()), 1e-9);
    }

    @Test
    void cmaesEvolvesOnlyTheEmbeddingsOnXor() {
        Experiments ex = new Experiments(Registry.load(), new Environment(Path.of("no-data")));
        RunSpec spec = RunSpec.of("xor", "hypernet", "cmaes", 2)
                .withGenerator("hypernet", Map.of("train", "embeddings", "tile", "2x2", "nz", "2", "d", "2",
                        "generate", "all-weights"))
                .withBudget(300);
        RunResult r;
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            r = ex.run(spec, e, ProgressListener.NONE);
        }
        var full = ex.build(spec.withGenerator("hypernet", Map.of("tile", "2x2", "nz", "2", "d", "2",
                "generate", "all-weights"))).family();
        assertTrue(r.thetaCount() < ((HypernetFamily) full).parameterCount(), "θ " + r.thetaCount());
        assertTrue(r.evaluations() > 0 && r.evaluations() <= 300 + 50);
        assertTrue(r.curve().getLast().best() >= r.curve().getFirst().best());
    }
}
