package io.hyperloom.search.optimize.cmaes;

import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Benchmark functions (to minimise) and a plain ask/tell loop for the tests. */
final class Functions {

    private Functions() {
    }

    static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i] * x[i] - x[i + 1];
            double b = x[i] - 1;
            s += 100 * a * a + b * b;
        }
        return s;
    }

    /** The separable ellipsoid Σ 10^{6(i−1)/(n−1)} x_i², condition number 10⁶. */
    static double ellipsoid(double[] x) {
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.pow(10, 6.0 * i / (n - 1)) * x[i] * x[i];
        }
        return s;
    }

    static double[] uniform(RandomGenerator rng, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return x;
    }

    /** What one minimisation run reached. */
    record Outcome(long evaluations, double best, boolean reached, StopCondition stop) {
    }

    /**
     * Minimises {@code f} with {@code es} until the best value is below {@code target}, the strategy
     * stops, or {@code maxEvaluations} are used. Evaluations are counted per whole generation, as
     * commons-math3 counts them.
     */
    static Outcome minimise(EvolutionStrategy es, ToDoubleFunction<double[]> f, double target, long maxEvaluations) {
        double best = Double.POSITIVE_INFINITY;
        long evaluations = 0;
        double[] fitness = new double[es.lambda()];
        while (evaluations < maxEvaluations && !es.hasConverged()) {
            double[][] xs = es.ask();
            for (int k = 0; k < xs.length; k++) {
                double v = f.applyAsDouble(xs[k]);
                fitness[k] = -v;
                best = Math.min(best, v);
            }
            evaluations += xs.length;
            es.tell(fitness);
            if (best < target) {
                return new Outcome(evaluations, best, true, null);
            }
        }
        return new Outcome(evaluations, best, false, es.stopCondition().orElse(null));
    }
}
