package io.hyperloom.search.task.pole;

import io.hyperloom.search.net.Network;

/**
 * Runs episodes: the network reads the cart, its output pushes it, until a failure or the step
 * limit. Also keeps Gruau's "jiggle" |x| + |ẋ| + |θ₁| + |θ̇₁| of the last
 * {@link #JIGGLE_WINDOW} balanced steps in a ring.
 *
 * <p>Per-evaluation scratch: mutable, not thread-safe, allocation-free per step.
 */
final class Balancer {

    /** What {@link #run} returns when the network output NaN. */
    static final int NAN_OUTPUT = -1;
    static final int JIGGLE_WINDOW = 100;

    private final CartPole cart;
    private final Sensors sensors;
    private final double[] in;
    private final double[] out;
    /** The output unit that drives the cart. */
    private final int actionUnit;
    /** Whether that unit is tanh in [−1, 1], read as (1 + y)/2 (see {@link #action}). */
    private final boolean tanhAction;
    /** jiggle of balanced step s (1-based) at index (s − 1) mod 100. */
    private final double[] jiggle = new double[JIGGLE_WINDOW];

    /** Output 0, already in [0, 1], drives the cart. */
    Balancer(Sensors sensors, int outputs) {
        this(sensors, outputs, 0, false);
    }

    /**
     * @param actionUnit the network output that drives the cart
     * @param tanhAction whether that output is a tanh unit, mapped to [0, 1] by (1 + y)/2
     */
    Balancer(Sensors sensors, int outputs, int actionUnit, boolean tanhAction) {
        if (actionUnit < 0 || actionUnit >= Math.max(1, outputs)) {
            throw new IllegalArgumentException("action unit " + actionUnit + " is not one of the " + outputs
                    + " outputs");
        }
        this.sensors = sensors;
        this.cart = new CartPole(sensors.poles());
        this.in = new double[sensors.size()];
        this.out = new double[Math.max(1, outputs)];
        this.actionUnit = actionUnit;
        this.tanhAction = tanhAction;
    }

    /**
     * The output in [0, 1] for the cart: (1 + y)/2 = σ(2a) for a tanh unit y = tanh(a), so the force
     * (o − 0.5)·20 N is 10·y N; the raw output otherwise.
     */
    double action(double[] out) {
        double y = out[actionUnit];
        return tanhAction ? 0.5 * (1 + y) : y;
    }

    CartPole cart() {
        return cart;
    }

    /**
     * Resets the network's state and runs from the cart's current state.
     *
     * @return the number of actions after which the cart and poles were still within bounds
     *         (0 .. maxSteps), or {@link #NAN_OUTPUT}
     */
    int run(Network net, int maxSteps) {
        net.resetState();
        int t = 0;
        while (t < maxSteps) {
            net.forward(sensors.read(cart, in), 1, out);
            double o = action(out);
            if (Double.isNaN(o)) {
                return NAN_OUTPUT;
            }
            cart.act(o);
            if (cart.isFailed()) {
                break;
            }
            jiggle[t % JIGGLE_WINDOW] = Math.abs(cart.x()) + Math.abs(cart.xDot())
                    + Math.abs(cart.theta1()) + Math.abs(cart.theta1Dot());
            t++;
        }
        return t;
    }

    /**
     * J = Σ (|x| + |ẋ| + |θ₁| + |θ̇₁|) over balanced steps t − 99 .. t of the last {@link #run},
     * summed oldest first as the NEAT source does; requires t ≥ 100.
     */
    double jiggle(int t) {
        if (t < JIGGLE_WINDOW) {
            throw new IllegalStateException("the jiggle needs 100 balanced steps, had " + t);
        }
        double sum = 0;
        for (int k = 0; k < JIGGLE_WINDOW; k++) {
            sum += jiggle[(t + k) % JIGGLE_WINDOW];
        }
        return sum;
    }
}
