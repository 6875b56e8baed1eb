package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContinualImageTasksTest {

    @Test
    void permutationsAreFixedPerSeedAndBijections() {
        for (int t = 0; t < 10; t++) {
            int[] p = Permutations.of(784, t, 7, true);
            assertTrue(Permutations.isBijection(p), "task " + t);
            assertArrayEquals(p, Permutations.of(784, t, 7, true), "task " + t + " is not fixed for its seed");
        }
        assertArrayEquals(Permutations.of(784, 0, 7, false), Permutations.of(784, 0, 7, false));
        int[] identity = new int[784];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, Permutations.of(784, 0, 7, true));
        assertFalse(Arrays.equals(identity, Permutations.of(784, 0, 7, false)));
        assertFalse(Arrays.equals(Permutations.of(784, 3, 7, true), Permutations.of(784, 3, 8, true)));
        assertFalse(Arrays.equals(Permutations.of(784, 3, 7, true), Permutations.of(784, 4, 7, true)));
        assertFalse(Permutations.isBijection(new int[] {0, 0, 2}));
        assertFalse(Permutations.isBijection(new int[] {0, 3, 1}));
    }

    @Test
    void permutedTasksPermuteTheirInputs() {
        ImageSet train = SyntheticTasks.images(20, 10, 1, false);
        ImageSet test = SyntheticTasks.images(10, 10, 2, false);
        Architecture arch = SyntheticTasks.mlp(4, 10);
        ContinualImageTasks seq = ContinualImageTasks.permuted("p", arch, train, test, 3, 5, true);
        assertEquals(3, seq.taskCount());
        int px = train.imageSize();
        double[] plain = new double[px];
        train.copyScaled(4, plain, 0);
        for (int t = 0; t < 3; t++) {
            double[] in = new double[px];
            double[] target = new double[10];
            seq.task(t).trainingBatch(new int[] {4}, 0, 1, in, target, new SplittableRandom(0));
            int[] p = Permutations.of(px, t, 5, true);
            for (int k = 0; k < px; k++) {
                assertEquals(plain[p[k]], in[k], 0.0);
            }
            assertEquals(1.0, target[train.label(4)]);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seq.outputs(t));
        }
    }

    @Test
    void splitTasksHoldTheirClassPairs() {
        ImageSet train = SyntheticTasks.images(300, 10, 3, false);
        ImageSet test = SyntheticTasks.images(100, 10, 4, false);
        ContinualImageTasks seq = ContinualImageTasks.split("s", SyntheticTasks.mlp(4, 10), train, test, true);
        assertEquals(5, seq.taskCount());
        int covered = 0;
        for (int t = 0; t < 5; t++) {
            ContinualImageTask task = seq.task(t);
            assertArrayEquals(new int[] {2 * t, 2 * t + 1}, seq.outputs(t));
            Set<Integer> labels = new HashSet<>();
            for (int i = 0; i < task.trainingSize(); i++) {
                labels.add(task.trainingLabel(i));
            }
            assertEquals(Set.of(2 * t, 2 * t + 1), labels, "task " + t);
            covered += task.trainingSize();
            int[] counts = test.classCounts();
            assertEquals(counts[2 * t] + counts[2 * t + 1], task.testSize());
        }
        assertEquals(train.size(), covered, "every training example belongs to exactly one task");
        ContinualImageTasks unmasked = ContinualImageTasks.split("s", SyntheticTasks.mlp(4, 10), train, test, false);
        assertEquals(10, unmasked.outputs(2).length);
    }

    @Test
    void rejectsBadInput() {
        ImageSet train = SyntheticTasks.images(20, 10, 1, false);
        Architecture arch = SyntheticTasks.mlp(4, 10);
        assertThrows(IllegalArgumentException.class, () -> ContinualImageTasks.permuted("p", arch, train, train, 0, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new ContinualImageTask("x", arch, train, new int[] {0}, train,
                new int[] {0}, new int[] {0, 0}, new int[] {0}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ContinualImageTask("x", arch, train, new int[] {20}, train,
                new int[] {0}, null, new int[] {0}, 1, 1));
        ContinualImageTasks seq = ContinualImageTasks.permuted("p", arch, train, train, 2, 1, true);
        assertNotEquals(null, seq.task(1));
        assertThrows(IllegalArgumentException.class, () -> seq.task(2));
    }
}
