package io.hyperloom.search.render;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightImagesTest {

    private static final Architecture CONV = Architecture.of("conv", new Shape(2, 6, 6),
            Layer.Conv2d.same(3, 3, Activation.RELU), new Layer.Dense(4, Activation.SOFTMAX));

    private static double[] weights(ParameterLayout layout) {
        SplittableRandom r = new SplittableRandom(1);
        double[] w = new double[layout.weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        return w;
    }

    private static int[] size(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        return new int[] {img.getWidth(), img.getHeight()};
    }

    @Test
    void writesTiledImagesOfTheExpectedSizes(@TempDir Path dir) throws IOException {
        ParameterLayout layout = CONV.layout();
        List<WeightImages.Image> images = new WeightImages(1024, 128).write(layout, weights(layout), dir);
        assertEquals(List.of("l0.w", "l0.b", "l1.w", "l1.b"), images.stream().map(WeightImages.Image::tensor).toList());
        // conv 3 out × 2 in of 3×3 tiles: 2·3+1 = 7 wide, 3·3+2 = 11 high, zoom ⌊128/11⌋ = 11
        assertEquals(77, images.get(0).width());
        assertEquals(121, images.get(0).height());
        // bias of 3 channels of 1×1: 1 × 3, zoom 42
        assertEquals(42, images.get(1).width());
        assertEquals(126, images.get(1).height());
        // dense onto a 2×2 sheet from 3 channels of 6×6: tiles 18 wide 6 high, 2·18+1 = 37 by 2·6+1 = 13, zoom 3
        assertEquals(111, images.get(2).width());
        assertEquals(39, images.get(2).height());
        for (WeightImages.Image img : images) {
            int[] s = size(img.file());
            assertEquals(img.width(), s[0], img.tensor());
            assertEquals(img.height(), s[1], img.tensor());
        }
        assertTrue(Files.exists(dir.resolve("colorbar.png")));
        assertEquals(5, Files.readAllLines(dir.resolve("weights.tsv")).size());
    }

    @Test
    void shrinksLargeRasters(@TempDir Path dir) throws IOException {
        ParameterLayout layout = CONV.layout();
        List<WeightImages.Image> images = new WeightImages(16, 1).write(layout, weights(layout), dir);
        assertEquals(7, images.get(0).width());
        assertEquals(11, images.get(0).height());
        // 37 × 13 shrunk by ⌈37/16⌉ = 3
        assertEquals(13, images.get(2).width());
        assertEquals(5, images.get(2).height());
        int[] s = size(images.get(2).file());
        assertEquals(13, s[0]);
        assertEquals(5, s[1]);
    }

    @Test
    void boxesTilesShowEachTargetsReceptiveField(@TempDir Path dir) throws IOException {
        Architecture boxes = Architecture.of("b", Shape.grid(3, 4), new Layer.Dense(Shape.grid(2, 3), Activation.SOFTMAX, false));
        ParameterLayout layout = boxes.layout();
        ParameterTensor t = layout.tensor("l0.w");
        double[] w = new double[layout.weightCount()];
        // target neuron (y 1, x 2) = 5, source neuron (y 2, x 1) = 9: the only positive weight
        w[t.offset() + 5 * 12 + 9] = 1.0;
        w[t.offset()] = -0.5;
        List<WeightImages.Image> images = new WeightImages(1024, 1).write(layout, w, dir);
        BufferedImage img = ImageIO.read(images.get(0).file().toFile());
        assertEquals(3 * 4 + 2, img.getWidth());
        assertEquals(2 * 3 + 1, img.getHeight());
        // tile (1, 2) starts at x = 2·5 = 10, y = 1·4 = 4; source (2, 1) inside it
        assertEquals(0xFF0000, img.getRGB(10 + 1, 4 + 2) & 0xFFFFFF);
        assertEquals(WeightImages.colour(-0.5), img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x808080, img.getRGB(4, 0) & 0xFFFFFF);
    }
}
