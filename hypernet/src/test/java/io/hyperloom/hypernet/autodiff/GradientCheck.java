package io.hyperloom.hypernet.autodiff;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A generic finite-difference check for tape computations: builds the graph on a fresh tape,
 * seeds the output with a random vector v, and compares every leaf gradient with the central
 * difference of v·f(x).
 */
final class GradientCheck {

    /** A computation from leaves to one output, rebuilt on a fresh tape for every evaluation. */
    @FunctionalInterface
    interface Graph {
        Tensor build(Tape tape, Tensor[] leaves);
    }

    /** A leaf's shape and values. */
    record Leaf(int rows, int cols, double[] values) {
        Leaf {
            values = values.clone();
        }
    }

    static final double EPSILON = 1e-6;
    /** Relative tolerance: central differences are accurate to O(ε²) plus rounding of order 1e-10/ε. */
    static final double TOLERANCE = 1e-6;

    private GradientCheck() {
    }

    /**
     * A rows×cols leaf with values drawn uniformly from ±[lo, hi] (bounded away from 0 by {@code lo},
     * so kinks such as relu's lie further than ε from every point).
     */
    static Leaf leaf(int rows, int cols, double lo, double hi, boolean positive, SplittableRandom r) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            double x = lo + (hi - lo) * r.nextDouble();
            v[i] = positive || r.nextBoolean() ? x : -x;
        }
        return new Leaf(rows, cols, v);
    }

    /** Asserts that the tape gradients of {@code graph} at {@code leaves} match central differences. */
    static void check(Graph graph, long seed, Leaf... leaves) {
        Tape tape = new Tape();
        Tensor[] in = variables(tape, leaves);
        Tensor out = graph.build(tape, in);
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        tape.backward(out, v);
        for (int l = 0; l < leaves.length; l++) {
            double[] analytic = in[l].grad().clone();
            for (int e = 0; e < leaves[l].values().length; e++) {
                double up = evaluate(graph, leaves, l, e, +EPSILON, v);
                double down = evaluate(graph, leaves, l, e, -EPSILON, v);
                double numeric = (up - down) / (2 * EPSILON);
                double scale = Math.max(1.0, Math.abs(numeric) + Math.abs(analytic[e]));
                assertEquals(numeric, analytic[e], TOLERANCE * scale,
                        "d/d leaf " + l + "[" + e + "]: tape " + analytic[e] + ", central difference " + numeric);
            }
        }
    }

    private static double evaluate(Graph graph, Leaf[] leaves, int l, int e, double delta, double[] v) {
        Leaf[] moved = leaves.clone();
        double[] values = leaves[l].values().clone();
        values[e] += delta;
        moved[l] = new Leaf(leaves[l].rows(), leaves[l].cols(), values);
        Tape tape = new Tape();
        Tensor out = graph.build(tape, variables(tape, moved));
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * out.value()[i];
        }
        return s;
    }

    private static Tensor[] variables(Tape tape, Leaf[] leaves) {
        Tensor[] t = new Tensor[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            t[i] = tape.variable(leaves[i].rows(), leaves[i].cols(), leaves[i].values());
        }
        return t;
    }
}
