package io.hyperloom.search.task.text;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.experiment.TextSampler;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** char-lm: corpus split, chunking, bits per character, and Adam's truncated-BPTT training end to end. */
class CharLmTaskTest {

    private static final String TEXT = "abcabcabdabcabcabdabcabcabd\n".repeat(40);

    @Test
    void vocabularyIsSortedAndSplitIsNinetyTen() {
        Corpus c = Corpus.of("hello world hello world");
        assertEquals(" dehlorw", String.valueOf(new char[] {c.character(0), c.character(1), c.character(2),
                c.character(3), c.character(4), c.character(5), c.character(6), c.character(7)}));
        Corpus d = Corpus.of(TEXT);
        assertEquals((int) (0.9 * TEXT.length()), d.trainLength());
        assertEquals(TEXT.length() - d.trainLength(), d.validationLength());
    }

    @Test
    void chunksFollowTheStreamsAndTargetsAreTheNextCharacter() {
        CharLmTask task = new CharLmTask(Corpus.of(TEXT), 4, false, 5, 3, 100);
        int v = task.targetSize();
        double[][] in = new double[5][2 * v];
        double[][] target = new double[5][2 * v];
        task.trainingChunk(3, 1, 1, 2, in, target);
        int len = (task.corpus().trainLength() - 1) / 3;
        for (int t = 0; t < 5; t++) {
            for (int r = 0; r < 2; r++) {
                int p = (1 + r) * len + 5 + t;
                assertEquals(1.0, in[t][r * v + task.corpus().id(TEXT.charAt(p))]);
                assertEquals(1.0, target[t][r * v + task.corpus().id(TEXT.charAt(p + 1))]);
            }
        }
        assertEquals(len / 5, task.chunksPerEpoch(3));
        assertThrows(IllegalArgumentException.class, () -> task.chunksPerEpoch(10_000));
    }

    @Test
    void uniformPredictionsCostLog2OfTheVocabulary() {
        CharLmTask task = new CharLmTask(Corpus.of(TEXT), 3, false, 5, 2, 200);
        TargetNetwork net = task.newNetwork().bind(new double[task.architecture().layout().weightCount()]);
        double bpc = -task.evaluate(net, 0).fitness();
        assertEquals(Math.log(task.targetSize()) / Math.log(2), bpc, 1e-12);
    }

    @Test
    void adamLearnsARepetitiveTextAndIsThreadIndependent(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("t.txt");
        Files.writeString(corpus, TEXT);
        RunSpec spec = new RunSpec("char-lm", Map.of("corpus", corpus.toString(), "units", "8", "seq-len", "10",
                "batch", "4", "eval-chars", "100"), "direct", Map.of(), "adam",
                Map.of("lr", "0.03", "chunk", "2", "eval-every", "20"), 120, 3);
        Experiments experiments = new Experiments(Registry.load(), new Environment(dir));
        RunResult one;
        RunResult two;
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            one = experiments.run(spec, e, ProgressListener.NONE);
        }
        try (LocalEvaluator e = new LocalEvaluator(2)) {
            two = experiments.run(spec, e, ProgressListener.NONE);
        }
        assertEquals(one.withoutTimings(), two.withoutTimings());
        double initial = -one.curve().get(0).best();
        double bpc = one.metrics().get("val_bpc");
        assertTrue(bpc < 0.5 * initial, "val_bpc " + bpc + " from " + initial);
        String text = new TextSampler(experiments).sample(one, "ab", 30, 0.5, 1);
        assertEquals(30, text.length());
        assertEquals(text, new TextSampler(experiments).sample(one, "ab", 30, 0.5, 1));
    }
}
