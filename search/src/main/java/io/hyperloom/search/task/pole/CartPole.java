package io.hyperloom.search.task.pole;

/**
 * The cart with one or two poles of Wieland (1991) as simulated in the NEAT and CoSyNE
 * literature: Gomez's fourth-order Runge–Kutta, the constants and sign conventions of the NEAT
 * source ({@code experiments.cpp}, {@code CartPole}).
 *
 * <p>State {@code (x, ẋ, θ₁, θ̇₁, θ₂, θ̇₂)}: cart position (m) and velocity, pole angles (rad, 0
 * upright, positive leaning towards +x) and angular velocities. With one pole, θ₂ and θ̇₂ stay 0
 * and pole 2 takes no part in the dynamics.
 *
 * <p>How it works. Per pole i (g = −9.8, so gravity appears with a minus sign inside the terms):
 * <ol>
 *   <li>F̃ᵢ = mᵢlᵢθ̇ᵢ² sin θᵢ + ¾mᵢ cos θᵢ (μθ̇ᵢ/(mᵢlᵢ) + g sin θᵢ), the effective force of the
 *       pole on the cart; m̃ᵢ = mᵢ(1 − ¾cos²θᵢ), its effective mass.</li>
 *   <li>ẍ = (F + ΣF̃ᵢ)/(M + Σm̃ᵢ); θ̈ᵢ = −¾(ẍ cos θᵢ + g sin θᵢ + μθ̇ᵢ/(mᵢlᵢ))/lᵢ.</li>
 *   <li>One action holds F = (o − 0.5)·20 N for two RK4 steps of τ = 0.01 s (0.02 s per action).
 *       Each RK4 step evaluates the derivatives four times, in the order and arithmetic of the
 *       NEAT source's {@code rk4}.</li>
 * </ol>
 * With F &gt; 0 the cart accelerates towards +x and the poles' angles decrease (they fall towards
 * −x); a pole leaning towards +x with F = 0 falls further towards +x.
 *
 * <p>Mutable and not thread-safe: an instance is per-evaluation scratch. {@link #act} allocates
 * nothing.
 */
public final class CartPole {

    /** Gravity with the NEAT source's sign. */
    public static final double GRAVITY = -9.8;
    public static final double CART_MASS = 1.0;
    public static final double POLE1_MASS = 0.1;
    /** Half the length of pole 1 (m). */
    public static final double POLE1_HALF_LENGTH = 0.5;
    public static final double POLE2_MASS = 0.01;
    /** Half the length of pole 2 (m). */
    public static final double POLE2_HALF_LENGTH = 0.05;
    /** Coefficient of friction of each pole's hinge. */
    public static final double HINGE_FRICTION = 0.000002;
    /** Seconds per Runge–Kutta step. */
    public static final double TAU = 0.01;
    /** Runge–Kutta steps per network action. */
    public static final int STEPS_PER_ACTION = 2;
    /** F = (o − 0.5)·2·FORCE_MAGNITUDE, so |F| ≤ 10 N. */
    public static final double FORCE_MAGNITUDE = 10.0;
    /** The cart fails beyond ±2.4 m. */
    public static final double TRACK_LIMIT = 2.4;
    /** A pole fails beyond ±36° (the NEAT source's literal). */
    public static final double FAILURE_ANGLE = 0.628329;

    private final boolean twoPoles;
    private final double[] state = new double[6];
    private final double[] dydx = new double[6];
    private final double[] dym = new double[6];
    private final double[] dyt = new double[6];
    private final double[] yt = new double[6];

    /**
     * @param poles 1 or 2
     * @throws IllegalArgumentException for another count
     */
    public CartPole(int poles) {
        if (poles != 1 && poles != 2) {
            throw new IllegalArgumentException("a cart carries 1 or 2 poles, got " + poles);
        }
        this.twoPoles = poles == 2;
    }

    public int poles() {
        return twoPoles ? 2 : 1;
    }

    /** Sets the state; with one pole, θ₂ and θ̇₂ must be 0. */
    public CartPole reset(double x, double xDot, double theta1, double theta1Dot, double theta2, double theta2Dot) {
        if (!twoPoles && (theta2 != 0 || theta2Dot != 0)) {
            throw new IllegalArgumentException("a single-pole cart has no second pole; got θ₂ = " + theta2
                    + ", θ̇₂ = " + theta2Dot);
        }
        state[0] = x;
        state[1] = xDot;
        state[2] = theta1;
        state[3] = theta1Dot;
        state[4] = theta2;
        state[5] = theta2Dot;
        return this;
    }

    /** The force in newtons for a network output, clamped to [0, 1] first (NaN stays NaN). */
    public static double force(double output) {
        double o = output < 0 ? 0 : output > 1 ? 1 : output;
        return (o - 0.5) * FORCE_MAGNITUDE * 2;
    }

    /** Applies the force for {@code output} during {@link #STEPS_PER_ACTION} RK4 steps. */
    public void act(double output) {
        double f = force(output);
        for (int i = 0; i < STEPS_PER_ACTION; i++) {
            dydx[0] = state[1];
            dydx[2] = state[3];
            dydx[4] = state[5];
            derivatives(f, state, dydx);
            rk4(f, state, dydx, state);
        }
    }

    /** Whether the cart left the track or a pole passed the failure angle (or the state is NaN). */
    public boolean isFailed() {
        double x = state[0];
        double t1 = state[2];
        double t2 = state[4];
        return !(x >= -TRACK_LIMIT && x <= TRACK_LIMIT
                && t1 >= -FAILURE_ANGLE && t1 <= FAILURE_ANGLE
                && t2 >= -FAILURE_ANGLE && t2 <= FAILURE_ANGLE);
    }

    public double x() {
        return state[0];
    }

    public double xDot() {
        return state[1];
    }

    public double theta1() {
        return state[2];
    }

    public double theta1Dot() {
        return state[3];
    }

    public double theta2() {
        return state[4];
    }

    public double theta2Dot() {
        return state[5];
    }

    /** Copies the state {@code (x, ẋ, θ₁, θ̇₁, θ₂, θ̇₂)} into {@code out[0..5]} and returns it. */
    public double[] state(double[] out) {
        System.arraycopy(state, 0, out, 0, 6);
        return out;
    }

    /**
     * Writes ẍ, θ̈₁, θ̈₂ into {@code d[1]}, {@code d[3]}, {@code d[5]} for state {@code st} under
     * {@code force}; the velocity slots are the caller's.
     */
    void derivatives(double force, double[] st, double[] d) {
        // F̃ᵢ = mᵢlᵢθ̇ᵢ² sin θᵢ + ¾mᵢ cos θᵢ (μθ̇ᵢ/(mᵢlᵢ) + g sin θᵢ);  m̃ᵢ = mᵢ(1 − ¾cos²θᵢ)
        double cos1 = Math.cos(st[2]);
        double gsin1 = GRAVITY * Math.sin(st[2]);
        double ml1 = POLE1_HALF_LENGTH * POLE1_MASS;
        double fric1 = HINGE_FRICTION * st[3] / ml1;
        double fi1 = ml1 * st[3] * st[3] * Math.sin(st[2]) + 0.75 * POLE1_MASS * cos1 * (fric1 + gsin1);
        double mi1 = POLE1_MASS * (1 - 0.75 * cos1 * cos1);
        if (twoPoles) {
            double cos2 = Math.cos(st[4]);
            double gsin2 = GRAVITY * Math.sin(st[4]);
            double ml2 = POLE2_HALF_LENGTH * POLE2_MASS;
            double fric2 = HINGE_FRICTION * st[5] / ml2;
            double fi2 = ml2 * st[5] * st[5] * Math.sin(st[4]) + 0.75 * POLE2_MASS * cos2 * (fric2 + gsin2);
            double mi2 = POLE2_MASS * (1 - 0.75 * cos2 * cos2);
            // ẍ = (F + ΣF̃ᵢ)/(M + Σm̃ᵢ);  θ̈ᵢ = −¾(ẍ cos θᵢ + g sin θᵢ + μθ̇ᵢ/(mᵢlᵢ))/lᵢ
            d[1] = (force + fi1 + fi2) / (mi1 + mi2 + CART_MASS);
            d[3] = -0.75 * (d[1] * cos1 + gsin1 + fric1) / POLE1_HALF_LENGTH;
            d[5] = -0.75 * (d[1] * cos2 + gsin2 + fric2) / POLE2_HALF_LENGTH;
        } else {
            d[1] = (force + fi1) / (mi1 + CART_MASS);
            d[3] = -0.75 * (d[1] * cos1 + gsin1 + fric1) / POLE1_HALF_LENGTH;
            d[5] = 0.0;
        }
    }

    /** One RK4 step of τ from {@code y} with slope {@code dydx} into {@code yout} (may alias y). */
    private void rk4(double f, double[] y, double[] dydx, double[] yout) {
        double hh = TAU * 0.5;
        double h6 = TAU / 6.0;
        for (int i = 0; i < 6; i++) {
            yt[i] = y[i] + hh * dydx[i];            // k1 half step
        }
        derivatives(f, yt, dyt);
        dyt[0] = yt[1];
        dyt[2] = yt[3];
        dyt[4] = yt[5];
        for (int i = 0; i < 6; i++) {
            yt[i] = y[i] + hh * dyt[i];             // k2 half step
        }
        derivatives(f, yt, dym);
        dym[0] = yt[1];
        dym[2] = yt[3];
        dym[4] = yt[5];
        for (int i = 0; i < 6; i++) {
            yt[i] = y[i] + TAU * dym[i];            // k3 full step
            dym[i] += dyt[i];                       // k2 + k3
        }
        derivatives(f, yt, dyt);
        dyt[0] = yt[1];
        dyt[2] = yt[3];
        dyt[4] = yt[5];
        for (int i = 0; i < 6; i++) {
            yout[i] = y[i] + h6 * (dydx[i] + dyt[i] + 2.0 * dym[i]); // y + τ/6 (k1 + 2k2 + 2k3 + k4)
        }
    }
}
