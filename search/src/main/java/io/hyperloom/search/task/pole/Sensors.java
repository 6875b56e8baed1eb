package io.hyperloom.search.task.pole;

/**
 * What a pole-balancing network sees, scaled as in the NEAT source: x/4.8, ẋ/2, θᵢ/0.52, θ̇ᵢ/2
 * per pole (velocities only when {@code velocities}), and, when {@code biasInput}, a constant 0.5
 * last.
 *
 * <p>Order: x, ẋ, θ₁, θ̇₁, θ₂, θ̇₂, bias with velocities; x, θ₁, θ₂, bias without. Immutable.
 *
 * @param biasInput whether the constant 0.5 input of the literature is fed; off by default in
 *                  the tasks because every target-network layer has its own bias, which plays
 *                  that role (and also reaches layers after the first)
 */
public record Sensors(int poles, boolean velocities, boolean biasInput) {

    public static final double BIAS = 0.5;

    public Sensors {
        if (poles != 1 && poles != 2) {
            throw new IllegalArgumentException("poles must be 1 or 2, got " + poles);
        }
    }

    /** The number of inputs. */
    public int size() {
        return (1 + poles) * (velocities ? 2 : 1) + (biasInput ? 1 : 0);
    }

    /** Writes the scaled observation of {@code cart} into {@code in[0 .. size())} and returns it. */
    public double[] read(CartPole cart, double[] in) {
        int k = 0;
        in[k++] = cart.x() / 4.8;
        if (velocities) {
            in[k++] = cart.xDot() / 2;
        }
        in[k++] = cart.theta1() / 0.52;
        if (velocities) {
            in[k++] = cart.theta1Dot() / 2;
        }
        if (poles == 2) {
            in[k++] = cart.theta2() / 0.52;
            if (velocities) {
                in[k++] = cart.theta2Dot() / 2;
            }
        }
        if (biasInput) {
            in[k] = BIAS;
        }
        return in;
    }
}
