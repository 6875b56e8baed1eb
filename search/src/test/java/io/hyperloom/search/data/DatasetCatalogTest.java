package io.hyperloom.search.data;

import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetCatalogTest {

    @Test
    void listsTheThreeDatasetsWithTheirFiles() {
        DatasetCatalog c = DatasetCatalog.standard();
        assertEquals(List.of("mnist", "fashion-mnist", "digits"), c.names());
        assertEquals(4, c.dataset("mnist").files().size());
        assertEquals("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                c.dataset("mnist").file(DatasetCatalog.TEST_LABELS).sha256());
        assertTrue(c.dataset("fashion-mnist").file(DatasetCatalog.TRAIN_IMAGES).url().toString()
                .endsWith("/train-images-idx3-ubyte.gz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.dataset("cifar"));
        assertTrue(e.getMessage().contains("cifar") && e.getMessage().contains("fashion-mnist"), e.getMessage());
    }

    @Test
    void dataDirectoryIsTheFlagElseTheVariableElseTheHomeDefault() {
        assertEquals(Path.of("/x"), Environment.fromSystem(Map.of("HYPERLOOM_DATA", "/x"), "/home/u").dataDir());
        assertEquals(Path.of("/home/u/.hyperloom/data"), Environment.fromSystem(Map.of("HYPERLOOM_DATA", " "), "/home/u").dataDir());
        assertEquals(Path.of("/home/u/.hyperloom/data"), Environment.fromSystem(Map.of(), "/home/u").dataDir());
        assertEquals(Path.of("flag"), Environment.resolve(Path.of("flag")).dataDir());
    }
}
