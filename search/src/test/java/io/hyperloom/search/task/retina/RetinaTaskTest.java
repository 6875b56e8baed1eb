package io.hyperloom.search.task.retina;

import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.TaskProvider;
import io.hyperloom.search.task.retina.RetinaTask.Pixels;
import io.hyperloom.search.task.retina.RetinaTask.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetinaTaskTest {

    /** The published objects drawn as top row / bottom row (# on, . off), Kashtan & Alon 2005. */
    private static final List<String> LEFT = List.of(".. ..", ".. .#", ".. #.", ".. ##", ".# ..", ".# ##", "#. ..", "#. ##");
    private static final List<String> RIGHT = List.of(".. ..", ".. .#", ".. #.", ".# ..", "#. ..", "## ..", "## .#", "## #.");

    private static int code(String drawing) {
        String s = drawing.replace(" ", "");
        int c = 0;
        for (int i = 0; i < 4; i++) {
            c = 2 * c + (s.charAt(i) == '#' ? 1 : 0);
        }
        return c;
    }

    /** Mirrors a half top to bottom: TL(8) ↔ BL(2), TR(4) ↔ BR(1). */
    private static int flip(int c) {
        return ((c & 8) >> 2) | ((c & 4) >> 2) | ((c & 2) << 2) | ((c & 1) << 2);
    }

    /** Reads the pixels back and answers from the object sets: a perfect classifier. */
    private static Network oracle(Variant v, double offValue) {
        return new Network() {
            public int inputSize() {
                return 8;
            }

            public int outputSize() {
                return v.outputs();
            }

            public int maxBatch() {
                return 256;
            }

            public double[] forward(double[] in, int batch, double[] out) {
                for (int b = 0; b < batch; b++) {
                    int o = 8 * b;
                    int left = 0;
                    int right = 0;
                    for (int row = 0; row < 2; row++) {
                        left = 4 * left + 2 * bit(in[o + 4 * row]) + bit(in[o + 4 * row + 1]);
                        right = 4 * right + 2 * bit(in[o + 4 * row + 2]) + bit(in[o + 4 * row + 3]);
                    }
                    boolean l = RetinaTask.isLeftObject(left);
                    boolean r = RetinaTask.isRightObject(right);
                    switch (v) {
                        case BOTH -> {
                            out[2 * b] = l ? 1 : 0;
                            out[2 * b + 1] = r ? 1 : 0;
                        }
                        case AND -> out[b] = l && r ? 1 : 0;
                        case OR -> out[b] = l || r ? 1 : 0;
                    }
                }
                return out;
            }

            private int bit(double pixel) {
                if (pixel != 1.0 && pixel != offValue) {
                    throw new AssertionError("pixel value " + pixel);
                }
                return pixel == 1.0 ? 1 : 0;
            }

            public void resetState() {
            }
        };
    }

    private static Network constant(Variant v, double value) {
        return new Network() {
            public int inputSize() {
                return 8;
            }

            public int outputSize() {
                return v.outputs();
            }

            public int maxBatch() {
                return 256;
            }

            public double[] forward(double[] in, int batch, double[] out) {
                Arrays.fill(out, 0, batch * v.outputs(), value);
                return out;
            }

            public void resetState() {
            }
        };
    }

    @Test
    void objectSetsAreThePublishedOnes() {
        assertEquals(Set.copyOf(LEFT.stream().map(RetinaTaskTest::code).toList()), Set.copyOf(RetinaTask.LEFT_OBJECTS));
        assertEquals(Set.copyOf(RIGHT.stream().map(RetinaTaskTest::code).toList()), Set.copyOf(RetinaTask.RIGHT_OBJECTS));
        assertEquals(8, new HashSet<>(RetinaTask.LEFT_OBJECTS).size());
        assertEquals(8, new HashSet<>(RetinaTask.RIGHT_OBJECTS).size());
        int left = 0;
        int right = 0;
        for (int c = 0; c < 16; c++) {
            left += RetinaTask.isLeftObject(c) ? 1 : 0;
            right += RetinaTask.isRightObject(c) ? 1 : 0;
            assertEquals(RetinaTask.isLeftObject(c), RetinaTask.isRightObject(flip(c)), "mirror of code " + c);
        }
        assertEquals(8, left);
        assertEquals(8, right);
    }

    @Test
    void patternsAreAll256DistinctOnTheTwoByFourGrid() {
        Set<String> seen = new HashSet<>();
        for (int p = 0; p < 256; p++) {
            seen.add(Arrays.toString(RetinaTask.pixels(p, 1, -1, new double[8], 0)));
        }
        assertEquals(256, seen.size());
        // left code 8 = top-left, right code 1 = bottom-right
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 1}, RetinaTask.pixels(8 * 16 + 1, 1, 0, new double[8], 0));
        // left code 3 = bottom row, right code 12 = top row
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1, 0, 0}, RetinaTask.pixels(3 * 16 + 12, 1, 0, new double[8], 0));
        RetinaTask t = new RetinaTask(Variant.BOTH, Pixels.SIGNED, new int[] {8, 4});
        assertEquals(2, t.architecture().input().height());
        assertEquals(4, t.architecture().input().width());
        assertEquals(8, t.architecture().inputSize());
    }

    @Test
    void labelCounts() {
        RetinaTask both = new RetinaTask(Variant.BOTH, Pixels.SIGNED, new int[0]);
        RetinaTask and = new RetinaTask(Variant.AND, Pixels.SIGNED, new int[0]);
        RetinaTask or = new RetinaTask(Variant.OR, Pixels.SIGNED, new int[0]);
        int l = 0;
        int r = 0;
        int a = 0;
        int o = 0;
        for (int p = 0; p < 256; p++) {
            l += (int) both.target(p, 0);
            r += (int) both.target(p, 1);
            a += (int) and.target(p, 0);
            o += (int) or.target(p, 0);
        }
        assertEquals(128, l);
        assertEquals(128, r);
        assertEquals(64, a);
        assertEquals(192, o);
        assertEquals(1.0, and.target(code("#. ##") * 16 + code("## #."), 0));
        assertEquals(0.0, and.target(code("## ##") * 16 + code("## #."), 0));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void oracleIsSolvedWithFullFitness(Variant v) {
        for (Pixels px : Pixels.values()) {
            RetinaTask t = new RetinaTask(v, px, new int[] {8, 4});
            Score s = t.evaluate(oracle(v, px == Pixels.SIGNED ? -1 : 0), 0);
            assertTrue(s.isSolved());
            assertEquals(1000.0, s.fitness(), 1e-12);
            assertEquals(256, s.metric("correct"));
            assertEquals(0.0, s.metric("error"));
        }
    }

    @Test
    void fitnessIsThousandOverOnePlusAbsoluteError() {
        RetinaTask t = new RetinaTask(Variant.BOTH, Pixels.SIGNED, new int[] {8, 4});
        Score half = t.evaluate(constant(Variant.BOTH, 0.5), 0);
        assertEquals(256.0, half.metric("error"), 1e-12);
        assertEquals(1000.0 / 257.0, half.fitness(), 1e-12);
        assertEquals(0, half.metric("correct"), "0.5 is on neither side");
        assertFalse(half.isSolved());
        // always "absent": wrong on every present label, 128 + 128 errors of 1
        Score zero = t.evaluate(constant(Variant.BOTH, 0.0), 0);
        assertEquals(256.0, zero.metric("error"), 1e-12);
        assertEquals(64, zero.metric("correct"), "only patterns with neither object");
        RetinaTask and = new RetinaTask(Variant.AND, Pixels.SIGNED, new int[0]);
        assertEquals(1000.0 / 65.0, and.evaluate(constant(Variant.AND, 0.0), 0).fitness(), 1e-12);
    }

    @Test
    void nanOutputScoresWorstWithoutThrowing() {
        RetinaTask t = new RetinaTask(Variant.BOTH, Pixels.SIGNED, new int[] {8, 4});
        Score s = t.evaluate(constant(Variant.BOTH, Double.NaN), 0);
        assertEquals(t.worstFitness(), s.fitness());
        assertFalse(s.isSolved());
        double[] w = new double[t.architecture().layout().weightCount()];
        Arrays.fill(w, Double.NaN);
        TargetNetwork net = t.newNetwork().bind(w);
        assertEquals(0.0, t.evaluate(net, 0).fitness());
    }

    @Test
    void defaultArchitectureAndRandomNetworkScore() {
        RetinaTask t = new RetinaTask(Variant.BOTH, Pixels.SIGNED, new int[] {8, 4});
        assertEquals("retina-8-4-both", t.architecture().name());
        // 8·8+8, 4·8+4, 2·4+2
        assertEquals(72 + 36 + 10, t.architecture().layout().weightCount());
        assertEquals(2, t.architecture().outputSize());
        SplittableRandom r = new SplittableRandom(3);
        double[] w = r.doubles(t.architecture().layout().weightCount(), -1, 1).toArray();
        Score s = t.evaluate(t.newNetwork().bind(w), 0);
        assertTrue(s.fitness() > 0 && s.fitness() < 1000);
        assertEquals(1000.0 / (1 + s.metric("error")), s.fitness(), 1e-9);
    }

    @Test
    void trainingBatchesMatchTheScoredPatterns() {
        RetinaTask t = new RetinaTask(Variant.BOTH, Pixels.BINARY, new int[] {8, 4});
        assertInstanceOf(SupervisedTask.class, t);
        assertEquals(Loss.MSE, t.loss());
        assertEquals(256, t.trainingSize());
        assertEquals(2, t.targetSize());
        int[] idx = {255, 0, 8 * 16 + 1};
        double[] in = new double[3 * 8];
        double[] tg = new double[3 * 2];
        t.trainingBatch(idx, 0, 3, in, tg, new SplittableRandom(1));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(RetinaTask.pixels(idx[i], 1, 0, new double[8], 0), Arrays.copyOfRange(in, 8 * i, 8 * i + 8));
            assertEquals(t.target(idx[i], 0), tg[2 * i]);
            assertEquals(t.target(idx[i], 1), tg[2 * i + 1]);
        }
        // 255: both halves full — neither is an object; 0: both empty — both are; 8|1: both single pixels
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1}, tg);
    }

    @Test
    void providerOptions() {
        TaskProvider p = ServiceLoader.load(TaskProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("retina")).findFirst().orElseThrow();
        Environment env = new Environment(Path.of("."));
        RetinaTask d = (RetinaTask) p.create(p.resolve(Map.of()), env);
        assertEquals(Variant.BOTH, d.variant());
        Options o = p.resolve(Map.of("variant", "and", "hidden", "", "pixels", "binary"));
        RetinaTask and = (RetinaTask) p.create(o, env);
        assertEquals(1, and.architecture().outputSize());
        assertEquals(1, and.architecture().layers().size());
        assertThrows(IllegalArgumentException.class, () -> p.resolve(Map.of("variant", "xor")));
        assertThrows(IllegalArgumentException.class, () -> new RetinaTask(Variant.OR, Pixels.SIGNED, new int[] {0}));
    }
}
