package io.hyperloom.search.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The datasets hyperloom knows by name, with their files, published URLs and SHA-256 sums.
 *
 * <p>The checksums are those of the files as published (gzipped where published gzipped); they
 * are the values in the shared data folder's {@code SHA256SUMS}. The URLs are used only by
 * {@code hyperloom data fetch}. Immutable; tests build their own catalogs with {@link #of}.
 */
public record DatasetCatalog(List<Dataset> datasets) {

    public static final String MNIST = "mnist";
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String DIGITS = "digits";

    /** The four IDX file names shared by MNIST and Fashion-MNIST. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final String DIGITS_TRAIN = "optdigits.tra";
    public static final String DIGITS_TEST = "optdigits.tes";

    private static final String MNIST_URL = "http://yann.lecun.com/exdb/mnist/";
    private static final String FASHION_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String UCI_URL = "https://archive.ics.uci.edu/ml/machine-learning-databases/optdigits/";

    private static final DatasetCatalog STANDARD = of(
            idx(MNIST, "MNIST handwritten digits, 28×28, 60,000 train + 10,000 test (LeCun, Cortes & Burges)."
                            + " If the upstream server refuses, torchvision's mirror works: --base-url "
                            + "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "LeCun, Cortes & Burges, The MNIST database of handwritten digits; CC BY-SA 3.0",
                    MNIST_URL,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            idx(FASHION_MNIST, "Fashion-MNIST, Zalando's clothing images, 28×28, 60,000 train + 10,000 test",
                    "Xiao, Rasul & Vollgraf 2017, arXiv:1708.07747; MIT (Zalando SE)",
                    FASHION_URL,
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
            new Dataset(DIGITS, "UCI optical digits, 8×8 blocks 0..16, 3,823 train + 1,797 test (writer-independent)",
                    "Alpaydin & Kaynak 1998, UCI Machine Learning Repository dataset 80",
                    List.of(new DatasetFile(DIGITS_TRAIN, URI.create(UCI_URL + DIGITS_TRAIN),
                                    "e1b683cc211604fe8fd8c4417e6a69f31380e0c61d4af22e93cc21e9257ffedd"),
                            new DatasetFile(DIGITS_TEST, URI.create(UCI_URL + DIGITS_TEST),
                                    "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8"))));

    public DatasetCatalog {
        datasets = List.copyOf(datasets);
        if (datasets.stream().map(Dataset::name).distinct().count() != datasets.size()) {
            throw new IllegalArgumentException("a catalog lists each dataset once");
        }
    }

    public static DatasetCatalog of(Dataset... datasets) {
        return new DatasetCatalog(List.of(datasets));
    }

    /** mnist, fashion-mnist and digits. */
    public static DatasetCatalog standard() {
        return STANDARD;
    }

    public List<String> names() {
        return datasets.stream().map(Dataset::name).toList();
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Dataset dataset(String name) {
        Objects.requireNonNull(name, "name");
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown dataset '" + name + "'; known datasets: "
                        + String.join(", ", names())));
    }

    private static Dataset idx(String name, String description, String source, String base,
                               String trainImages, String trainLabels, String testImages, String testLabels) {
        return new Dataset(name, description, source, List.of(
                new DatasetFile(TRAIN_IMAGES, URI.create(base + TRAIN_IMAGES), trainImages),
                new DatasetFile(TRAIN_LABELS, URI.create(base + TRAIN_LABELS), trainLabels),
                new DatasetFile(TEST_IMAGES, URI.create(base + TEST_IMAGES), testImages),
                new DatasetFile(TEST_LABELS, URI.create(base + TEST_LABELS), testLabels)));
    }
}
