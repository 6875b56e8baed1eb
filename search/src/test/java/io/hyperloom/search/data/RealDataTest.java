package io.hyperloom.search.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads the real MNIST files of {@code shared/data} when they are there; skipped otherwise. */
class RealDataTest {

    @Test
    void readsTheRealMnistFiles() throws IOException {
        Path shared = TestData.sharedData();
        assumeTrue(shared != null && Files.isRegularFile(shared.resolve("mnist").resolve(DatasetCatalog.TRAIN_IMAGES)),
                "shared/data/mnist not found above the working directory; skipping the real-MNIST check");
        Dataset mnist = DatasetCatalog.standard().dataset("mnist");
        assertEquals(List.of(FileCheck.Status.OK, FileCheck.Status.OK, FileCheck.Status.OK, FileCheck.Status.OK),
                DataFetcher.verify(mnist, shared).stream().map(FileCheck::status).toList());
        Path dir = mnist.locate(shared, DatasetCatalog.TRAIN_IMAGES);
        assertEquals(new IdxReader.Header(2051, List.of(60_000, 28, 28)),
                IdxReader.header(dir.resolve(DatasetCatalog.TRAIN_IMAGES)));
        assertEquals(new IdxReader.Header(2049, List.of(10_000)), IdxReader.header(dir.resolve(DatasetCatalog.TEST_LABELS)));
        ImageSet test = IdxReader.read(dir.resolve(DatasetCatalog.TEST_IMAGES), mnist.file(DatasetCatalog.TEST_IMAGES).sha256(),
                dir.resolve(DatasetCatalog.TEST_LABELS), mnist.file(DatasetCatalog.TEST_LABELS).sha256());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
        ImageSet train = IdxReader.read(dir.resolve(DatasetCatalog.TRAIN_IMAGES), mnist.file(DatasetCatalog.TRAIN_IMAGES).sha256(),
                dir.resolve(DatasetCatalog.TRAIN_LABELS), mnist.file(DatasetCatalog.TRAIN_LABELS).sha256());
        assertEquals(60_000, train.size());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        long sum = 0;
        for (int i = 0; i < train.size(); i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    sum += train.pixel(i, r, c);
                }
            }
        }
        assertEquals(33.318421, sum / (60_000.0 * 784), 1e-6);
    }
}
