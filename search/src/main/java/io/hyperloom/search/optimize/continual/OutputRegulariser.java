package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.generator.ConditionalWeightGenerator;

import java.util.Arrays;
import java.util.Objects;

/**
 * The output regulariser of von Oswald et al. (ICLR 2020, eq. 2, without the look-ahead):
 * R(θ) = β/|P| · Σ_{t′∈P} ‖G(θ, t′) − W*_{t′}‖², where W*_{t′} are the weights the generator made
 * for context t′ when task t′ had just been learned, and P the earlier contexts being held (all of
 * them: |P| = t while learning task t). It keeps a task-conditioned generator producing the
 * earlier tasks' networks while it learns new ones.
 *
 * <p>Its gradient is dR/dθ = Σ_{t′∈P} J_{t′}ᵀ · (2β/|P|)(G(θ, t′) − W*_{t′}), one generator
 * backward pass per held context. Run-scoped and single-threaded: it stores W*_{t′} as the run
 * goes on and owns its scratch buffers.
 */
public final class OutputRegulariser {

    private final ConditionalWeightGenerator generator;
    private final double beta;
    private final double[][] targets;
    private final double[] weights;
    private final double[] dWeights;

    /** @throws IllegalArgumentException if β is negative or not finite */
    public OutputRegulariser(ConditionalWeightGenerator generator, double beta) {
        this.generator = Objects.requireNonNull(generator, "generator");
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
        this.beta = beta;
        this.targets = new double[generator.contextCount()][];
        int w = generator.layout().weightCount();
        this.weights = new double[w];
        this.dWeights = new double[w];
    }

    public double beta() {
        return beta;
    }

    /** Stores W*_{context} = G(θ, context), the weights to hold for {@code context} from now on. */
    public void store(int context, double[] theta) {
        generator.checkContext(context);
        targets[context] = generator.generate(theta, context, new double[weights.length]);
    }

    /** Whether W* of {@code context} has been stored. */
    public boolean holds(int context) {
        return targets[generator.checkContext(context)] != null;
    }

    /** The stored W* of {@code context} (a fresh array). */
    public double[] target(int context) {
        if (!holds(context)) {
            throw new IllegalArgumentException("no target weights stored for context " + context);
        }
        return targets[context].clone();
    }

    /**
     * R(θ) over {@code contexts}; adds dR/dθ to {@code dTheta}. An empty set (or β = 0) adds nothing
     * and returns 0.
     *
     * @param theta    not modified
     * @param contexts contexts whose W* are stored; not modified
     * @param dTheta   modified (+=)
     */
    public double addGradient(double[] theta, int[] contexts, double[] dTheta) {
        if (contexts.length == 0 || beta == 0) {
            return 0.0;
        }
        double scale = beta / contexts.length;
        double sum = 0;
        for (int c : contexts) {
            double[] target = targets[generator.checkContext(c)];
            if (target == null) {
                throw new IllegalArgumentException("no target weights stored for context " + c);
            }
            generator.generate(theta, c, weights);
            for (int i = 0; i < weights.length; i++) {
                double d = weights[i] - target[i];
                sum += d * d;
                dWeights[i] = 2 * scale * d; // d/dW of scale·‖W − W*‖²
            }
            generator.backward(theta, c, dWeights, dTheta);
        }
        Arrays.fill(dWeights, 0.0);
        return scale * sum;
    }
}
