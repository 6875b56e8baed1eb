package io.hyperloom.search.task.images;

import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.data.ImageSetCache;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers an MNIST-format task ({@code mnist}, {@code fashion-mnist}): the four IDX files of
 * the dataset, split as in Ha et al. (2016): the first 55,000 training images train, the last
 * 5,000 validate, the 10,000 test images test.
 */
public abstract class IdxTaskProvider implements TaskProvider {

    public static final int VALIDATION = 5_000;
    public static final int BATCH = 1_000;
    public static final int EVALUATION_BATCH = 500;

    private final String name;
    private final String what;

    protected IdxTaskProvider(String name, String what) {
        this.name = name;
        this.what = what;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return what + " classification, 55,000 train / 5,000 validation / 10,000 test (Ha et al. 2016);"
                + " fitness = validation accuracy; needs <data-dir>/" + name + " (hyperloom data fetch " + name + ")";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofChoice("arch", ImageArchitectures.MNIST_CONV,
                        "target network: mnist-conv (Ha et al.: 7×7 conv 16, pool, 7×7 conv 16, pool, dense 10)"
                                + " or mnist-mlp (784-256-10)",
                        ImageArchitectures.MNIST_CONV, ImageArchitectures.MNIST_MLP),
                OptionSpec.ofChoice("augment", "auto",
                        "pad to 30×30 and randomly crop 28×28 when training: auto = on for mnist-conv, off for mnist-mlp",
                        "auto", "on", "off"),
                OptionSpec.ofInt("eval-examples", 0,
                        "validation images scored per fitness evaluation, the first n of the 5,000; 0 = all"),
                OptionSpec.ofBoolean("center", false, "subtract the training images' per-pixel mean from every input "
                        + "(needed by smooth generated weights: coordnet, cppn)"),
                OptionSpec.ofInt("train-examples", 0,
                        "use only the first n of the 55,000 training images (quick runs); 0 = all"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        Dataset ds = DatasetCatalog.standard().dataset(name);
        return create(ds, environment.dataDir(), options, VALIDATION);
    }

    /**
     * Loads {@code dataset}'s four IDX files from {@code dataDir} (checked against their SHA-256)
     * and builds the task; {@code validation} images are cut from the end of the training file.
     *
     * @throws UncheckedIOException    when files are missing (saying where and how to get them) or corrupt
     * @throws IllegalArgumentException for options out of range
     */
    public static ImageClassificationTask create(Dataset dataset, Path dataDir, Options options, int validation) {
        String archName = options.string("arch");
        Architecture arch = archName.equals(ImageArchitectures.MNIST_MLP)
                ? ImageArchitectures.mnistMlp() : ImageArchitectures.mnistConv();
        String aug = options.string("augment");
        boolean augment = aug.equals("auto") ? archName.equals(ImageArchitectures.MNIST_CONV) : aug.equals("on");
        int evalExamples = options.intValue("eval-examples");
        int trainExamples = options.intValue("train-examples");
        if (evalExamples < 0 || trainExamples < 0) {
            throw new IllegalArgumentException("eval-examples and train-examples must be >= 0 (0 = all), got "
                    + evalExamples + " and " + trainExamples);
        }
        ImageSet trainFile;
        ImageSet testFile;
        try {
            Path dir = dataset.locate(dataDir, DatasetCatalog.TRAIN_IMAGES, DatasetCatalog.TRAIN_LABELS,
                    DatasetCatalog.TEST_IMAGES, DatasetCatalog.TEST_LABELS);
            trainFile = read(dataset, dir, DatasetCatalog.TRAIN_IMAGES, DatasetCatalog.TRAIN_LABELS);
            testFile = read(dataset, dir, DatasetCatalog.TEST_IMAGES, DatasetCatalog.TEST_LABELS);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (trainFile.rows() != 28 || trainFile.cols() != 28) {
            throw new UncheckedIOException(new IOException(dataset.name() + " images are " + trainFile.rows() + "×"
                    + trainFile.cols() + ", " + archName + " needs 28×28"));
        }
        if (validation < 1 || validation >= trainFile.size()) {
            throw new IllegalArgumentException("the validation split (" + validation + ") must leave training images; "
                    + dataset.name() + " has " + trainFile.size());
        }
        int trainCount = trainFile.size() - validation;
        if (trainExamples > trainCount) {
            throw new IllegalArgumentException("train-examples must be in 0.." + trainCount + ", got " + trainExamples);
        }
        if (evalExamples > validation) {
            throw new IllegalArgumentException("eval-examples must be in 0.." + validation + ", got " + evalExamples);
        }
        ImageSet train = trainFile.slice(0, trainExamples == 0 ? trainCount : trainExamples);
        ImageSet val = trainFile.slice(trainCount, validation);
        return new ImageClassificationTask(dataset.name(), arch, train, val, testFile, augment, options.bool("center"),
                evalExamples == 0 ? validation : evalExamples, BATCH, EVALUATION_BATCH);
    }

    private static ImageSet read(Dataset ds, Path dir, String images, String labels) throws IOException {
        return ImageSetCache.read(dir.resolve(images), ds.file(images).sha256(), dir.resolve(labels), ds.file(labels).sha256());
    }

    @Override
    public String primaryMetric() {
        return "test_accuracy";
    }
}
