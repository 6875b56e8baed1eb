package io.hyperloom.search.task.retina;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The left/right retina problem of Kashtan &amp; Alon (2005), with the object sets used by Clune,
 * Beckmann, McKinley &amp; Ofria (2010) and Clune, Mouret &amp; Lipson (2013).
 *
 * <p>How it works.
 * <ol>
 *   <li>The retina is a 2×4 grid of pixels: columns 0–1 are the left 2×2 half, columns 2–3 the
 *       right. The input {@link Shape} is that grid, so substrate coordinates keep the geometry.
 *       A half is coded by four bits (top-left, top-right, bottom-left, bottom-right) = (8, 4, 2, 1).
 *       Pattern p in 0..255 has left code p / 16 and right code p % 16. Pixels on feed +1, off −1
 *       ({@code pixels = signed}) or 1 and 0 ({@code binary}).</li>
 *   <li>Left objects ({@link #LEFT_OBJECTS}), drawn top row / bottom row:
 *       {@code .. ..}, {@code .. .#}, {@code .. #.}, {@code .. ##}, {@code .# ..}, {@code .# ##},
 *       {@code #. ..}, {@code #. ##} — the empty half, the four single pixels, the full bottom row
 *       with or without one top pixel. Right objects ({@link #RIGHT_OBJECTS}) are their
 *       top-to-bottom mirror images: {@code .. ..}, singles, {@code ## ..}, {@code ## .#},
 *       {@code ## #.}. Exactly 8 of the 16 codes per side.</li>
 *   <li>Targets (1 present, 0 absent) per {@link Variant}: {@code both} has two outputs, left object
 *       present and right object present (the modular decomposition); {@code and} one output,
 *       L ∧ R (Kashtan &amp; Alon's goal); {@code or} one output, L ∨ R.</li>
 *   <li>E = Σ over the 256 patterns and the outputs of |o − t|; fitness 1000/(1 + E). The outputs
 *       are logistic sigmoids; an output is correct on its side of 0.5 (o &gt; 0.5 for present,
 *       o &lt; 0.5 for absent; exactly 0.5 is wrong). Solved when all 256 patterns have every
 *       output correct.</li>
 *   <li>As a supervised task: all 256 patterns are the training set, loss MSE on the same
 *       targets.</li>
 * </ol>
 * Deterministic; immutable and thread-safe.
 */
public final class RetinaTask implements SupervisedTask {

    public static final int PATTERNS = 256;
    public static final int PIXELS = 8;
    /** Left objects as half codes (TL, TR, BL, BR) = (8, 4, 2, 1). */
    public static final List<Integer> LEFT_OBJECTS = List.of(0, 1, 2, 3, 4, 7, 8, 11);
    /** Right objects: the left ones mirrored top to bottom. */
    public static final List<Integer> RIGHT_OBJECTS = List.of(0, 1, 2, 4, 8, 12, 13, 14);

    /** Which outputs the network gives. */
    public enum Variant {
        /** Two outputs: left object present, right object present. */
        BOTH,
        /** One output: left and right objects both present. */
        AND,
        /** One output: a left or a right object present. */
        OR;

        public int outputs() {
            return this == BOTH ? 2 : 1;
        }
    }

    /** How pixels are fed. */
    public enum Pixels {
        /** on +1, off −1. */
        SIGNED,
        /** on 1, off 0. */
        BINARY
    }

    private final Variant variant;
    private final Architecture architecture;
    private final double[] inputs = new double[PATTERNS * PIXELS];
    private final double[] targets;

    /**
     * @param hidden tanh hidden layer widths, possibly none
     * @throws IllegalArgumentException for a width below 1
     */
    public RetinaTask(Variant variant, Pixels pixels, int[] hidden) {
        this.variant = Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(pixels, "pixels");
        List<Layer> layers = new ArrayList<>();
        StringBuilder name = new StringBuilder("retina");
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("retina hidden layer widths must be >= 1, got " + h);
            }
            // even widths on two rows like the retina, so the substrate keeps left and right apart
            layers.add(new Layer.Dense(h % 2 == 0 ? Shape.grid(2, h / 2) : Shape.grid(1, h), Activation.TANH, true));
            name.append('-').append(h);
        }
        int outputs = variant.outputs();
        layers.add(new Layer.Dense(Shape.grid(1, outputs), Activation.SIGMOID, true));
        name.append('-').append(variant.name().toLowerCase());
        architecture = new Architecture(name.toString(), Shape.grid(2, 4), layers);

        double off = pixels == Pixels.SIGNED ? -1.0 : 0.0;
        targets = new double[PATTERNS * outputs];
        for (int p = 0; p < PATTERNS; p++) {
            pixels(p, 1.0, off, inputs, p * PIXELS);
            boolean l = isLeftObject(p / 16);
            boolean r = isRightObject(p % 16);
            switch (variant) {
                case BOTH -> {
                    targets[2 * p] = l ? 1 : 0;
                    targets[2 * p + 1] = r ? 1 : 0;
                }
                case AND -> targets[p] = l && r ? 1 : 0;
                case OR -> targets[p] = l || r ? 1 : 0;
            }
        }
    }

    public static boolean isLeftObject(int code) {
        return LEFT_OBJECTS.contains(code);
    }

    public static boolean isRightObject(int code) {
        return RIGHT_OBJECTS.contains(code);
    }

    /**
     * Writes pattern {@code p}'s 8 pixels, row-major on the 2×4 grid, into {@code out[off ..]}.
     *
     * @return {@code out}
     */
    public static double[] pixels(int p, double on, double offValue, double[] out, int off) {
        int left = p / 16;
        int right = p % 16;
        // row 0: L.TL L.TR R.TL R.TR; row 1: L.BL L.BR R.BL R.BR
        for (int row = 0; row < 2; row++) {
            int hi = row == 0 ? 8 : 2;
            int lo = row == 0 ? 4 : 1;
            out[off + 4 * row] = (left & hi) != 0 ? on : offValue;
            out[off + 4 * row + 1] = (left & lo) != 0 ? on : offValue;
            out[off + 4 * row + 2] = (right & hi) != 0 ? on : offValue;
            out[off + 4 * row + 3] = (right & lo) != 0 ? on : offValue;
        }
        return out;
    }

    public Variant variant() {
        return variant;
    }

    /** The target of output {@code k} for pattern {@code p} (1 or 0). */
    public double target(int p, int k) {
        return targets[p * variant.outputs() + k];
    }

    @Override
    public String name() {
        return "retina";
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        int k = variant.outputs();
        double[] out = new double[PATTERNS * k];
        net.forward(inputs, PATTERNS, out);
        double error = 0;
        int correct = 0;
        for (int p = 0; p < PATTERNS; p++) {
            boolean all = true;
            for (int j = 0; j < k; j++) {
                double o = out[p * k + j];
                if (Double.isNaN(o)) {
                    return new Score(worstFitness(), Map.of("error", (double) PATTERNS * k, "correct", 0.0), false);
                }
                double t = targets[p * k + j];
                error += Math.abs(o - t);
                all &= t > 0.5 ? o > 0.5 : o < 0.5;
            }
            if (all) {
                correct++;
            }
        }
        return new Score(1000.0 / (1.0 + error), Map.of("error", error, "correct", (double) correct),
                correct == PATTERNS);
    }

    @Override
    public int evaluationBatch() {
        return PATTERNS;
    }

    @Override
    public boolean hasSuccessCriterion() {
        return true;
    }

    @Override
    public double worstFitness() {
        return 0.0;
    }

    @Override
    public long defaultBudget(BudgetUnit unit) {
        return switch (unit) {
            case EVALUATIONS -> 100_000;
            case STEPS -> 5_000;
        };
    }

    @Override
    public int trainingSize() {
        return PATTERNS;
    }

    @Override
    public int targetSize() {
        return variant.outputs();
    }

    @Override
    public Loss loss() {
        return Loss.MSE;
    }

    @Override
    public int defaultBatchSize() {
        return 64;
    }

    @Override
    public void trainingBatch(int[] indices, int from, int count, double[] inputs, double[] targets,
                              RandomGenerator rng) {
        int k = variant.outputs();
        for (int i = 0; i < count; i++) {
            int p = indices[from + i];
            System.arraycopy(this.inputs, p * PIXELS, inputs, i * PIXELS, PIXELS);
            System.arraycopy(this.targets, p * k, targets, i * k, k);
        }
    }
}
