package io.hyperloom.search.render;

import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes each tensor of a layout's weights as a PNG heat map, with a diverging blue–white–red
 * colour map symmetric around 0 (limit = the tensor's largest |w|), plus {@code colorbar.png}
 * (−limit on the left, +limit on the right) and {@code weights.tsv} listing every image with its
 * size, min, max and limit.
 *
 * <p>Raster of a tensor, in element cells before scaling (grey one-cell lines separate tiles):
 * <ul>
 *   <li>conv kernel {@code [out, in, k, k]}: a grid of out rows × in columns of k×k tiles;</li>
 *   <li>dense or recurrent weights whose sheets are single rows ({@code height = 1}, one
 *       channel): plain, one row per target neuron, one column per source neuron;</li>
 *   <li>other dense or recurrent weights: a grid of tiles laid out like the target sheet
 *       (channels stacked vertically), tile (y, x) showing the weights of target neuron (y, x)
 *       over the source sheet (source channels side by side): for boxes, the 11×11 field of
 *       11×11 receptive fields;</li>
 *   <li>a bias: its target sheet, channels stacked vertically.</li>
 * </ul>
 * Scaling: a raster larger than {@code maxSide} on either axis is shrunk by the integer factor
 * f = ⌈larger side / maxSide⌉ (output ⌈w/f⌉ × ⌈h/f⌉, each pixel the mean of its block); a smaller
 * one is enlarged by the integer zoom max(1, ⌊minSide / larger side⌋). Immutable.
 *
 * @param maxSide the largest image side in pixels
 * @param minSide small rasters are enlarged towards this side
 */
public record WeightImages(int maxSide, int minSide) {

    /** Images up to 1024 pixels a side, small ones enlarged to about 256. */
    public static final WeightImages DEFAULT = new WeightImages(1024, 256);

    private static final int SEPARATOR = 0x808080;

    /** One written image. */
    public record Image(String tensor, Path file, int width, int height, double min, double max, double limit) {
        public Image {
            Objects.requireNonNull(tensor, "tensor");
            Objects.requireNonNull(file, "file");
        }
    }

    /** Element cells of a tensor; NaN marks separator cells. Values referenced, not copied. */
    record Raster(int width, int height, double[] cells) {
    }

    public WeightImages {
        if (maxSide < 1 || minSide < 1) {
            throw new IllegalArgumentException("maxSide and minSide must be >= 1, got " + maxSide + ", " + minSide);
        }
    }

    /**
     * Writes one PNG per tensor ({@code <tensor name>.png}), {@code colorbar.png} and
     * {@code weights.tsv} into {@code dir} (created if missing).
     *
     * @param weights not modified; length {@code layout.weightCount()}
     * @return the tensor images, in layout order
     * @throws IllegalArgumentException if {@code weights} has the wrong length
     */
    public List<Image> write(ParameterLayout layout, double[] weights, Path dir) throws IOException {
        if (weights.length != layout.weightCount()) {
            throw new IllegalArgumentException("weights has " + weights.length + " elements, the layout "
                    + layout.weightCount());
        }
        Files.createDirectories(dir);
        List<Image> out = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("tensor\tfile\tshape\twidth\theight\tmin\tmax\tlimit\n");
        for (ParameterTensor t : layout.tensors()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = t.offset(); i < t.end(); i++) {
                min = Math.min(min, weights[i]);
                max = Math.max(max, weights[i]);
            }
            double limit = Math.max(Math.abs(min), Math.abs(max));
            limit = limit > 0 && Double.isFinite(limit) ? limit : 1.0;
            BufferedImage img = render(scale(raster(t, weights)), limit);
            Path file = dir.resolve(fileName(t.name()) + ".png");
            ImageIO.write(img, "png", file.toFile());
            out.add(new Image(t.name(), file, img.getWidth(), img.getHeight(), min, max, limit));
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%.6g\t%.6g\t%.6g%n", t.name(),
                    file.getFileName(), t.shape(), img.getWidth(), img.getHeight(), min, max, limit));
        }
        ImageIO.write(colourBar(), "png", dir.resolve("colorbar.png").toFile());
        Files.writeString(dir.resolve("weights.tsv"), tsv.toString());
        return List.copyOf(out);
    }

    private static String fileName(String tensor) {
        return tensor.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The unscaled raster of tensor {@code t} in {@code w}. */
    static Raster raster(ParameterTensor t, double[] w) {
        int off = t.offset();
        if (t.isBias()) {
            Shape s = t.target();
            int width = s.width();
            int height = s.channels() * s.height();
            double[] cells = new double[width * height];
            System.arraycopy(w, off, cells, 0, t.size());
            return new Raster(width, height, cells);
        }
        if (t.shape().size() == 4) {
            int[] n = t.shapeArray();
            return tiles(n[0], n[1], n[2], n[3], (row, col, y, x) -> w[off + ((row * n[1] + col) * n[2] + y) * n[3] + x]);
        }
        Shape src = t.source();
        Shape dst = t.target();
        if (src.height() == 1 && dst.height() == 1 && src.channels() == 1 && dst.channels() == 1) {
            int width = src.size();
            int height = dst.size();
            double[] cells = new double[width * height];
            System.arraycopy(w, off, cells, 0, t.size());
            return new Raster(width, height, cells);
        }
        int hw = src.height() * src.width();
        // tile (row, col) is target neuron row·width + col (channel-major rows); within it
        // cell (y, x) is source channel x / width, row y, column x % width
        return tiles(dst.channels() * dst.height(), dst.width(), src.height(), src.channels() * src.width(),
                (row, col, y, x) -> w[off + (row * dst.width() + col) * src.size()
                        + (x / src.width()) * hw + y * src.width() + x % src.width()]);
    }

    private interface Cell {
        double at(int row, int col, int y, int x);
    }

    private static Raster tiles(int rows, int cols, int tileH, int tileW, Cell cell) {
        int width = cols * tileW + (cols - 1);
        int height = rows * tileH + (rows - 1);
        double[] cells = new double[width * height];
        java.util.Arrays.fill(cells, Double.NaN);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int y = 0; y < tileH; y++) {
                    for (int x = 0; x < tileW; x++) {
                        cells[(r * (tileH + 1) + y) * width + c * (tileW + 1) + x] = cell.at(r, c, y, x);
                    }
                }
            }
        }
        return new Raster(width, height, cells);
    }

    /** Shrinks by block means or enlarges by pixel repetition, as documented on the class. */
    Raster scale(Raster r) {
        int side = Math.max(r.width(), r.height());
        if (side > maxSide) {
            int f = (side + maxSide - 1) / maxSide;
            int width = (r.width() + f - 1) / f;
            int height = (r.height() + f - 1) / f;
            double[] cells = new double[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double sum = 0;
                    int count = 0;
                    for (int yy = y * f; yy < Math.min(r.height(), (y + 1) * f); yy++) {
                        for (int xx = x * f; xx < Math.min(r.width(), (x + 1) * f); xx++) {
                            double v = r.cells()[yy * r.width() + xx];
                            if (!Double.isNaN(v)) {
                                sum += v;
                                count++;
                            }
                        }
                    }
                    cells[y * width + x] = count == 0 ? Double.NaN : sum / count;
                }
            }
            return new Raster(width, height, cells);
        }
        int zoom = Math.max(1, minSide / side);
        if (zoom == 1) {
            return r;
        }
        int width = r.width() * zoom;
        int height = r.height() * zoom;
        double[] cells = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                cells[y * width + x] = r.cells()[(y / zoom) * r.width() + x / zoom];
            }
        }
        return new Raster(width, height, cells);
    }

    private static BufferedImage render(Raster r, double limit) {
        BufferedImage img = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                double v = r.cells()[y * r.width() + x];
                img.setRGB(x, y, Double.isNaN(v) ? SEPARATOR : colour(v / limit));
            }
        }
        return img;
    }

    /** t in [−1, 1] (clamped): −1 blue, 0 white, +1 red, linear in between; non-finite as black. */
    static int colour(double t) {
        if (!Double.isFinite(t)) {
            return 0;
        }
        t = Math.max(-1, Math.min(1, t));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? (255 << 16) | (fade << 8) | fade : (fade << 16) | (fade << 8) | 255;
    }

    private static BufferedImage colourBar() {
        int width = 256;
        int height = 16;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int c = colour(-1 + 2.0 * x / (width - 1));
            for (int y = 0; y < height; y++) {
                img.setRGB(x, y, c);
            }
        }
        return img;
    }
}
