package io.hyperloom.search.task.pole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CartPoleTest {

    /**
     * The equations written out plainly, with a textbook RK4 (fresh arrays, k1..k4), as an
     * oracle independent of {@link CartPole}'s in-place arithmetic.
     */
    static final class PlainCartPole {
        final int poles;
        double[] y = new double[6];

        PlainCartPole(int poles, double... start) {
            this.poles = poles;
            y = start.clone();
        }

        double[] f(double force, double[] s) {
            double g = -9.8;
            double mu = 0.000002;
            double bigM = 1.0;
            double[] m = {0.1, 0.01};
            double[] l = {0.5, 0.05};
            double sumF = 0;
            double sumM = 0;
            for (int i = 0; i < poles; i++) {
                double th = s[2 + 2 * i];
                double om = s[3 + 2 * i];
                sumF += m[i] * l[i] * om * om * Math.sin(th)
                        + 0.75 * m[i] * Math.cos(th) * (mu * om / (m[i] * l[i]) + g * Math.sin(th));
                sumM += m[i] * (1 - 0.75 * Math.cos(th) * Math.cos(th));
            }
            double xdd = (force + sumF) / (bigM + sumM);
            double[] d = new double[6];
            d[0] = s[1];
            d[1] = xdd;
            for (int i = 0; i < poles; i++) {
                double th = s[2 + 2 * i];
                double om = s[3 + 2 * i];
                d[2 + 2 * i] = om;
                d[3 + 2 * i] = -0.75 * (xdd * Math.cos(th) + g * Math.sin(th) + mu * om / (m[i] * l[i])) / l[i];
            }
            return d;
        }

        static double[] axpy(double[] y, double h, double[] k) {
            double[] r = new double[6];
            for (int i = 0; i < 6; i++) {
                r[i] = y[i] + h * k[i];
            }
            return r;
        }

        void act(double output) {
            double o = Math.min(1, Math.max(0, output));
            double force = (o - 0.5) * 20;
            for (int step = 0; step < 2; step++) {
                double h = 0.01;
                double[] k1 = f(force, y);
                double[] k2 = f(force, axpy(y, h / 2, k1));
                double[] k3 = f(force, axpy(y, h / 2, k2));
                double[] k4 = f(force, axpy(y, h, k3));
                double[] n = new double[6];
                for (int i = 0; i < 6; i++) {
                    n[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
                y = n;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void matchesPlainRungeKuttaFromFixedStarts(int start) {
        double[][] starts = {
                {0, 0, 0.07, 0, 0, 0},
                {0.3, -0.2, -0.05, 0.4, 0.02, -0.3},
                {-1.5, 1.0, 0.2, -0.5, -0.1, 1.2},
                {2.0, 0.5, -0.3, 0.1, 0.25, 0.0}};
        double[] outputs = {0.5, 1.0, 0.0, 0.73, 0.12, 0.9, 0.5, 0.31};
        for (int poles = 1; poles <= 2; poles++) {
            double[] s = starts[start].clone();
            if (poles == 1) {
                s[4] = 0;
                s[5] = 0;
            }
            CartPole cart = new CartPole(poles).reset(s[0], s[1], s[2], s[3], s[4], s[5]);
            PlainCartPole plain = new PlainCartPole(poles, s);
            for (double o : outputs) {
                cart.act(o);
                plain.act(o);
                assertArrayEquals(plain.y, cart.state(new double[6]), 1e-12,
                        poles + " pole(s), start " + start + ", after output " + o);
            }
        }
    }

    @Test
    void uprightWithoutForceNothingMoves() {
        CartPole cart = new CartPole(2).reset(0, 0, 0, 0, 0, 0);
        for (int i = 0; i < 1000; i++) {
            cart.act(0.5);
        }
        assertArrayEquals(new double[6], cart.state(new double[6]), 0.0);
        assertFalse(cart.isFailed());
    }

    @Test
    void pushRightAcceleratesCartRightAndPolesFallLeft() {
        CartPole cart = new CartPole(2).reset(0, 0, 0, 0, 0, 0);
        cart.act(1.0);
        assertTrue(cart.x() > 0 && cart.xDot() > 0, "cart moves right");
        assertTrue(cart.theta1() < 0 && cart.theta1Dot() < 0, "long pole falls left");
        assertTrue(cart.theta2() < 0 && cart.theta2Dot() < 0, "short pole falls left");
    }

    @Test
    void accelerationsAtRestAreHandDerivable() {
        // upright: F̃ᵢ = 0, m̃ᵢ = mᵢ/4, so ẍ = F/(1 + 0.1/4 + 0.01/4) and θ̈ᵢ = −¾ẍ/lᵢ
        CartPole cart = new CartPole(2);
        double[] d = new double[6];
        cart.derivatives(10.0, new double[6], d);
        double xdd = 10.0 / 1.0275;
        assertEquals(xdd, d[1], 1e-14);
        assertEquals(-0.75 * xdd / 0.5, d[3], 1e-13);
        assertEquals(-0.75 * xdd / 0.05, d[5], 1e-12);
    }

    @Test
    void leaningPoleFallsFurtherWithoutForce() {
        CartPole cart = new CartPole(1).reset(0, 0, 0.1, 0, 0, 0);
        cart.act(0.5);
        assertTrue(cart.theta1() > 0.1 && cart.theta1Dot() > 0);
        assertTrue(cart.x() < 0, "the falling pole pushes the cart the other way");
    }

    @Test
    void forceIsClampedAndScaled() {
        assertEquals(10.0, CartPole.force(1.0));
        assertEquals(-10.0, CartPole.force(0.0));
        assertEquals(0.0, CartPole.force(0.5));
        assertEquals(10.0, CartPole.force(7.0));
        assertEquals(-10.0, CartPole.force(Double.NEGATIVE_INFINITY));
        assertEquals(4.0, CartPole.force(0.7), 1e-12);
    }

    @Test
    void failureBounds() {
        double a = CartPole.FAILURE_ANGLE;
        assertFalse(new CartPole(2).reset(2.4, 0, 0, 0, 0, 0).isFailed());
        assertFalse(new CartPole(2).reset(-2.4, 0, a, 0, -a, 0).isFailed());
        assertTrue(new CartPole(2).reset(Math.nextUp(2.4), 0, 0, 0, 0, 0).isFailed());
        assertTrue(new CartPole(2).reset(-2.41, 0, 0, 0, 0, 0).isFailed());
        assertTrue(new CartPole(2).reset(0, 0, Math.nextUp(a), 0, 0, 0).isFailed());
        assertTrue(new CartPole(2).reset(0, 0, -0.63, 0, 0, 0).isFailed());
        assertTrue(new CartPole(2).reset(0, 0, 0, 0, 0.63, 0).isFailed());
        assertTrue(new CartPole(2).reset(0, 0, 0, 0, -0.63, 0).isFailed());
        assertTrue(new CartPole(2).reset(Double.NaN, 0, 0, 0, 0, 0).isFailed());
        assertFalse(new CartPole(2).reset(0, 100, 0, 100, 0, 100).isFailed(), "velocities are not bounded");
    }

    @Test
    void singlePoleHasNoSecondPole() {
        assertThrows(IllegalArgumentException.class, () -> new CartPole(1).reset(0, 0, 0, 0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CartPole(3));
        CartPole cart = new CartPole(1).reset(0, 0, 0.05, 0, 0, 0);
        for (int i = 0; i < 10; i++) {
            cart.act(0.8);
        }
        assertEquals(0.0, cart.theta2());
        assertEquals(0.0, cart.theta2Dot());
    }
}
