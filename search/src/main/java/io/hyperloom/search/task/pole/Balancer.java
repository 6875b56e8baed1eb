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
    /** jiggle of balanced step s (1-based) at index (s − 1) mod 100. */
    private final double[] jiggle = new double[JIGGLE_WINDOW];

    Balancer(Sensors sensors, int outputs) {
        this.sensors = sensors;
        this.cart = new CartPole(sensors.poles());
        this.in = new double[sensors.size()];
        this.out = new double[Math.max(1, outputs)];
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
            double o = out[0];
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
