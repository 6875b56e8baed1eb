package io.hyperloom.hypernet.autodiff;

import io.hyperloom.hypernet.autodiff.GradientCheck.Leaf;
import io.hyperloom.search.kernel.PlainKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static io.hyperloom.hypernet.autodiff.GradientCheck.check;
import static io.hyperloom.hypernet.autodiff.GradientCheck.leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TapeTest {

    private static Leaf any(int rows, int cols, SplittableRandom r) {
        return leaf(rows, cols, 0.1, 1.5, false, r);
    }

    private static Leaf positive(int rows, int cols, SplittableRandom r) {
        return leaf(rows, cols, 0.2, 2.0, true, r);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void matmulGradient(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        check((t, x) -> t.matmul(x[0], x[1]), seed, any(3, 4, r), any(4, 5, r));
    }

    @Test
    void transposeGradient() {
        SplittableRandom r = new SplittableRandom(3);
        check((t, x) -> t.transpose(x[0]), 3, any(2, 5, r));
    }

    @Test
    void addGradient() {
        SplittableRandom r = new SplittableRandom(4);
        check((t, x) -> t.add(x[0], x[1]), 4, any(3, 2, r), any(3, 2, r));
    }

    @Test
    void addRowGradient() {
        SplittableRandom r = new SplittableRandom(5);
        check((t, x) -> t.addRow(x[0], x[1]), 5, any(4, 3, r), any(1, 3, r));
    }

    @Test
    void mulGradient() {
        SplittableRandom r = new SplittableRandom(6);
        check((t, x) -> t.mul(x[0], x[1]), 6, any(3, 3, r), any(3, 3, r));
    }

    @Test
    void mulOfATensorWithItselfGradient() {
        SplittableRandom r = new SplittableRandom(7);
        check((t, x) -> t.mul(x[0], x[0]), 7, any(2, 3, r));
    }

    @Test
    void tanhGradient() {
        SplittableRandom r = new SplittableRandom(8);
        check((t, x) -> t.tanh(x[0]), 8, any(3, 4, r));
    }

    @Test
    void reluGradient() {
        SplittableRandom r = new SplittableRandom(9);
        check((t, x) -> t.relu(x[0]), 9, any(4, 4, r));
    }

    @Test
    void sigmoidGradient() {
        SplittableRandom r = new SplittableRandom(10);
        check((t, x) -> t.sigmoid(x[0]), 10, any(3, 4, r));
    }

    @Test
    void expGradient() {
        SplittableRandom r = new SplittableRandom(11);
        check((t, x) -> t.exp(x[0]), 11, any(3, 4, r));
    }

    @Test
    void logGradient() {
        SplittableRandom r = new SplittableRandom(12);
        check((t, x) -> t.log(x[0]), 12, positive(3, 4, r));
    }

    @Test
    void sumGradient() {
        SplittableRandom r = new SplittableRandom(13);
        check((t, x) -> t.sum(x[0]), 13, any(3, 4, r));
    }

    @Test
    void reshapeGradient() {
        SplittableRandom r = new SplittableRandom(14);
        check((t, x) -> t.matmul(t.reshape(x[0], 3, 4), x[1]), 14, any(2, 6, r), any(4, 2, r));
    }

    @Test
    void sliceGradient() {
        SplittableRandom r = new SplittableRandom(15);
        check((t, x) -> t.tanh(t.slice(x[0], 1, 3, 2, 5)), 15, any(4, 6, r));
    }

    @Test
    void concatColumnsGradient() {
        SplittableRandom r = new SplittableRandom(16);
        check((t, x) -> t.matmul(t.concatColumns(x[0], x[1], x[0]), x[2]), 16, any(3, 2, r), any(3, 1, r), any(5, 2, r));
    }

    @Test
    void composedOperationsGradient() {
        SplittableRandom r = new SplittableRandom(17);
        check((t, x) -> t.mean(t.square(t.sub(t.sigmoid(t.linear(x[0], x[1], x[2])), x[3]))), 17,
                any(4, 3, r), any(3, 2, r), any(1, 2, r), any(4, 2, r));
    }

    @Test
    void twoLayerNetworkGradient() {
        // reuse of one leaf along two paths checks += accumulation
        SplittableRandom r = new SplittableRandom(18);
        check((t, x) -> {
            Tensor h = t.relu(t.linear(x[0], x[1], x[2]));
            Tensor y = t.exp(t.scale(t.matmul(h, x[3]), 0.3));
            return t.add(t.log(t.add(y, t.constant(y.rows(), y.cols(), 1.0))), t.slice(x[0], 0, 5, 0, 1));
        }, 18, any(5, 3, r), any(3, 4, r), any(1, 4, r), any(4, 1, r));
    }

    @Test
    void valuesMatchDefinitions() {
        Tape t = new Tape(PlainKernel.INSTANCE);
        Tensor a = t.variable(2, 2, new double[] {1, 2, 3, 4});
        Tensor b = t.variable(2, 2, new double[] {5, 6, 7, 8});
        assertArrayEquals(new double[] {19, 22, 43, 50}, t.matmul(a, b).value(), 1e-12);
        assertArrayEquals(new double[] {1, 3, 2, 4}, t.transpose(a).value(), 0.0);
        assertArrayEquals(new double[] {2, 4}, t.slice(a, 0, 2, 1, 2).value(), 0.0);
        assertArrayEquals(new double[] {1, 2, 5, 6, 3, 4, 7, 8}, t.concatColumns(a, b).value(), 0.0);
        assertEquals(10.0, t.sum(a).scalar(), 0.0);
        assertEquals(0.5, t.sigmoid(t.constant(1, 1, 0.0)).scalar(), 0.0);
    }

    @Test
    void backwardSeedsAScalarLossWithOne() {
        Tape t = new Tape();
        Tensor a = t.variable(1, 3, new double[] {1, -2, 3});
        t.backward(t.sum(t.square(a)));
        assertArrayEquals(new double[] {2, -4, 6}, a.grad(), 1e-12);
        t.backward(t.sum(t.square(a))); // gradients are recomputed, not accumulated across calls
        assertArrayEquals(new double[] {2, -4, 6}, a.grad(), 1e-12);
    }

    @Test
    void rejectsBadShapes() {
        Tape t = new Tape();
        Tensor a = t.constant(2, 3, 1.0);
        Tensor b = t.constant(2, 3, 1.0);
        assertThrows(IllegalArgumentException.class, () -> t.matmul(a, b));
        assertThrows(IllegalArgumentException.class, () -> t.addRow(a, t.constant(1, 2, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(a, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> t.slice(a, 0, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.backward(a));
        assertThrows(IllegalArgumentException.class, () -> new Tape().backward(t.sum(a)));
    }
}
