package io.hyperloom.search.data;

import java.util.Objects;

/**
 * Labelled single-channel images stored compactly as unsigned bytes, scaled to [0, 1] only when
 * copied into a caller's {@code double[]} batch.
 *
 * <p>Immutable and thread-safe: the pixel and label arrays are referenced, not copied, and never
 * written after construction. {@link #slice} returns a view sharing them, so a 55,000/5,000
 * train/validation split of MNIST costs no copy.
 */
public final class ImageSet {

    private final byte[] pixels;
    private final byte[] labels;
    private final int offset;
    private final int count;
    private final int rows;
    private final int cols;
    private final int maxValue;
    private final int classes;

    /**
     * @param pixels   {@code count·rows·cols} unsigned values, image-major, row-major; referenced
     * @param labels   {@code count} class indices in [0, classes); referenced
     * @param maxValue the largest pixel value (255 for IDX, 16 for optical digits), mapped to 1.0
     */
    public ImageSet(byte[] pixels, byte[] labels, int rows, int cols, int maxValue, int classes) {
        this(pixels, labels, 0, labels.length, rows, cols, maxValue, classes);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i] & 0xFF;
            if (l >= classes) {
                throw new IllegalArgumentException("label " + l + " of example " + i + " is not in [0, " + classes + ")");
            }
        }
    }

    private ImageSet(byte[] pixels, byte[] labels, int offset, int count, int rows, int cols, int maxValue,
                     int classes) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (rows < 1 || cols < 1 || maxValue < 1 || classes < 1) {
            throw new IllegalArgumentException("rows, cols, maxValue and classes must be >= 1, got "
                    + rows + ", " + cols + ", " + maxValue + ", " + classes);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * rows * cols
                    + " pixels of " + rows + "×" + cols + ", got " + pixels.length);
        }
        if (offset < 0 || count < 0 || offset + count > labels.length) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + count) + ") is not within [0, "
                    + labels.length + ")");
        }
        this.offset = offset;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.maxValue = maxValue;
        this.classes = classes;
    }

    /** A view of examples {@code [from, from + n)} sharing this set's storage. */
    public ImageSet slice(int from, int n) {
        if (from < 0 || n < 0 || from + n > count) {
            throw new IllegalArgumentException("slice [" + from + ", " + (from + n) + ") is not within [0, " + count + ")");
        }
        return new ImageSet(pixels, labels, offset + from, n, rows, cols, maxValue, classes);
    }

    public int size() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image. */
    public int imageSize() {
        return rows * cols;
    }

    public int classes() {
        return classes;
    }

    public int maxValue() {
        return maxValue;
    }

    public int label(int i) {
        return labels[offset + checked(i)] & 0xFF;
    }

    /** The raw unsigned value of pixel (r, c) of image {@code i}. */
    public int pixel(int i, int r, int c) {
        return pixels[(offset + checked(i)) * rows * cols + r * cols + c] & 0xFF;
    }

    /**
     * Writes image {@code i} scaled to [0, 1] (value / maxValue) into {@code out[at .. at+imageSize)}.
     *
     * @param out modified
     */
    public void copyScaled(int i, double[] out, int at) {
        int n = rows * cols;
        int src = (offset + checked(i)) * n;
        double scale = 1.0 / maxValue;
        for (int k = 0; k < n; k++) {
            out[at + k] = (pixels[src + k] & 0xFF) * scale;
        }
    }

    /** Counts per class, for checks and listings. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int i = 0; i < count; i++) {
            c[labels[offset + i] & 0xFF]++;
        }
        return c;
    }

    private int checked(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("example " + i + " of " + count);
        }
        return i;
    }
}
