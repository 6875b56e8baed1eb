package io.hyperloom.search.task.text;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SequenceTask;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * {@code char-lm}: predict the next character of a text. The network ({@code lstm}) reads one-hot
 * characters, one per step, through an LSTM of {@code units} (optionally layer-normalised) and a
 * softmax over the vocabulary.
 *
 * <p>Fitness is −bpc, the negated bits per character on the validation split (higher is better):
 * bpc = −(1/N)·Σ log₂ p(next char). {@link #evaluate} scores a bounded validation prefix of
 * {@code eval-chars}; {@link #finalMetrics} the whole validation split. Both cut their text into
 * {@value #EVAL_STREAMS} streams run in parallel from a zero state, so the first steps of each
 * stream see no context (a small, fixed overestimate). Training: B streams of the training split,
 * chunks of {@code seq-len} steps (see {@link SequenceTask}). Immutable and thread-safe.
 */
public final class CharLmTask implements SequenceTask {

    /** Parallel streams during evaluation. */
    public static final int EVAL_STREAMS = 16;

    private static final double LOG2 = Math.log(2);

    private final Corpus corpus;
    private final Architecture architecture;
    private final int sequenceLength;
    private final int batch;
    private final int evalChars;

    /**
     * @throws IllegalArgumentException for sizes below 1 (or 2 for eval-chars)
     */
    public CharLmTask(Corpus corpus, int units, boolean layerNorm, int sequenceLength, int batch, int evalChars) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        if (units < 1 || sequenceLength < 1 || batch < 1 || evalChars < 2) {
            throw new IllegalArgumentException("char-lm needs units, seq-len, batch >= 1 and eval-chars >= 2, got "
                    + units + ", " + sequenceLength + ", " + batch + ", " + evalChars);
        }
        int v = corpus.vocabularySize();
        this.architecture = Architecture.of("lstm", Shape.vector(v), new Layer.Lstm(units, layerNorm),
                new Layer.Dense(v, Activation.SOFTMAX));
        this.sequenceLength = sequenceLength;
        this.batch = batch;
        this.evalChars = evalChars;
    }

    public Corpus corpus() {
        return corpus;
    }

    @Override
    public String name() {
        return "char-lm";
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        double bpc = bitsPerCharacter(net, corpus.validation(), Math.min(evalChars, corpus.validationLength()));
        if (!Double.isFinite(bpc)) {
            return new Score(worstFitness(), Map.of(), null);
        }
        return new Score(-bpc, Map.of("val_bpc", bpc), null);
    }

    @Override
    public Map<String, Double> finalMetrics(Network net) {
        double full = bitsPerCharacter(net, corpus.validation(), corpus.validationLength());
        double prefix = bitsPerCharacter(net, corpus.validation(), Math.min(evalChars, corpus.validationLength()));
        return Map.of("val_bpc", full, "val_bpc_prefix", prefix);
    }

    /**
     * Bits per character of predicting {@code ids[1 .. length)} from what precedes, in
     * {@link #EVAL_STREAMS} parallel streams from a zero state (the remainder of an uneven cut is
     * left out).
     */
    double bitsPerCharacter(Network net, int[] ids, int length) {
        int streams = Math.max(1, Math.min(Math.min(EVAL_STREAMS, net.maxBatch()), (length - 1) / 2));
        int len = (length - 1) / streams;
        int v = corpus.vocabularySize();
        double[] in = new double[streams * v];
        double[] out = new double[streams * v];
        net.resetState();
        double bits = 0;
        for (int t = 0; t < len; t++) {
            Arrays.fill(in, 0.0);
            for (int s = 0; s < streams; s++) {
                in[s * v + ids[s * len + t]] = 1.0;
            }
            net.forward(in, streams, out);
            for (int s = 0; s < streams; s++) {
                bits -= Math.log(Math.max(out[s * v + ids[s * len + t + 1]], 1e-300)) / LOG2;
            }
        }
        net.resetState();
        return bits / ((double) streams * len);
    }

    /**
     * Generates {@code chars} characters: the network reads {@code prime} (each character in the
     * vocabulary; others skipped; a newline or the first character when empty), then draws each next
     * character from its softmax sharpened by {@code temperature}, p ∝ y^(1/T), and feeds it back.
     *
     * @throws IllegalArgumentException if chars < 0 or temperature ≤ 0
     */
    public String sample(Network net, String prime, int chars, double temperature, RandomGenerator rng) {
        if (chars < 0 || !(temperature > 0)) {
            throw new IllegalArgumentException("sampling needs chars >= 0 and temperature > 0, got " + chars + ", "
                    + temperature);
        }
        int v = corpus.vocabularySize();
        double[] in = new double[v];
        double[] out = new double[v];
        double[] p = new double[v];
        net.resetState();
        int current = corpus.id('\n') >= 0 ? corpus.id('\n') : 0;
        boolean primed = false;
        for (int i = 0; i < prime.length(); i++) {
            int id = corpus.id(prime.charAt(i));
            if (id < 0) {
                continue;
            }
            if (primed) {
                step(net, current, in, out);
            }
            current = id;
            primed = true;
        }
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            step(net, current, in, out);
            double sum = 0;
            for (int j = 0; j < v; j++) {
                p[j] = Math.exp(Math.log(Math.max(out[j], 1e-300)) / temperature);
                sum += p[j];
            }
            double u = rng.nextDouble() * sum;
            int next = v - 1;
            for (int j = 0; j < v; j++) {
                u -= p[j];
                if (u < 0) {
                    next = j;
                    break;
                }
            }
            sb.append(corpus.character(next));
            current = next;
        }
        return sb.toString();
    }

    private static void step(Network net, int id, double[] in, double[] out) {
        Arrays.fill(in, 0.0);
        in[id] = 1.0;
        net.forward(in, 1, out);
    }

    @Override
    public int evaluationBatch() {
        return EVAL_STREAMS;
    }

    @Override
    public boolean hasSuccessCriterion() {
        return false;
    }

    /** −1000: bpc cannot exceed log₂(1e300) ≈ 997 with the probability floor used. */
    @Override
    public double worstFitness() {
        return -1000.0;
    }

    @Override
    public long defaultBudget(BudgetUnit unit) {
        return unit == BudgetUnit.EVALUATIONS ? 1_000 : 2_000;
    }

    @Override
    public Loss loss() {
        return Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public int targetSize() {
        return corpus.vocabularySize();
    }

    @Override
    public int sequenceLength() {
        return sequenceLength;
    }

    @Override
    public int defaultBatchSize() {
        return batch;
    }

    /** Stream length ⌊(N − 1)/B⌋ of the N training characters, cut into ⌊length/T⌋ chunks. */
    @Override
    public int chunksPerEpoch(int streams) {
        int chunks = (corpus.trainLength() - 1) / streams / sequenceLength;
        if (chunks < 1) {
            throw new IllegalArgumentException("the training split (" + corpus.trainLength() + " characters) is too "
                    + "short for " + streams + " streams of " + sequenceLength + " steps");
        }
        return chunks;
    }

    @Override
    public void trainingChunk(int streams, int chunk, int from, int count, double[][] inputs, double[][] targets) {
        int[] ids = corpus.train();
        int len = (corpus.trainLength() - 1) / streams;
        int v = corpus.vocabularySize();
        for (int t = 0; t < sequenceLength; t++) {
            Arrays.fill(inputs[t], 0, count * v, 0.0);
            Arrays.fill(targets[t], 0, count * v, 0.0);
            for (int r = 0; r < count; r++) {
                int p = (from + r) * len + chunk * sequenceLength + t;
                inputs[t][r * v + ids[p]] = 1.0;
                targets[t][r * v + ids[p + 1]] = 1.0;
            }
        }
    }
}
