package io.hyperloom.search.task.images;

import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.data.OptDigitsReader;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Registers {@code digits}: the 8×8 UCI optical digits with their writer-independent split. The
 * last {@code validation-examples} rows of {@code optdigits.tra} validate (a fixed cut, no
 * shuffling), the rest train, and {@code optdigits.tes} tests. No augmentation.
 */
public final class DigitsProvider implements TaskProvider {

    public static final int BATCH = 100;
    public static final int EVALUATION_BATCH = 500;

    @Override
    public String name() {
        return "digits";
    }

    @Override
    public String description() {
        return "UCI 8×8 optical digits: optdigits.tra minus its last rows for validation / optdigits.tes for test;"
                + " fitness = validation accuracy; needs <data-dir>/digits (hyperloom data fetch digits)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofIntList("hidden", "32", "relu hidden-layer widths of the 64-…-10 MLP; empty = softmax regression"),
                OptionSpec.ofInt("validation-examples", 823,
                        "last rows of optdigits.tra held out for validation (823 leaves 3,000 to train)"),
                OptionSpec.ofInt("eval-examples", 0, "validation rows scored per fitness evaluation, the first n; 0 = all"),
                OptionSpec.ofInt("train-examples", 0, "use only the first n training rows; 0 = all"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return create(DatasetCatalog.standard().dataset(name()), environment.dataDir(), options);
    }

    /**
     * @throws UncheckedIOException    when files are missing (saying where and how to get them) or corrupt
     * @throws IllegalArgumentException for options out of range
     */
    public static ImageClassificationTask create(Dataset dataset, Path dataDir, Options options) {
        int[] hidden = options.intList("hidden");
        int validation = options.intValue("validation-examples");
        int evalExamples = options.intValue("eval-examples");
        int trainExamples = options.intValue("train-examples");
        if (evalExamples < 0 || trainExamples < 0) {
            throw new IllegalArgumentException("eval-examples and train-examples must be >= 0 (0 = all), got "
                    + evalExamples + " and " + trainExamples);
        }
        ImageSet trainFile;
        ImageSet testFile;
        try {
            Path dir = dataset.locate(dataDir, DatasetCatalog.DIGITS_TRAIN, DatasetCatalog.DIGITS_TEST);
            trainFile = OptDigitsReader.read(dir.resolve(DatasetCatalog.DIGITS_TRAIN),
                    dataset.file(DatasetCatalog.DIGITS_TRAIN).sha256());
            testFile = OptDigitsReader.read(dir.resolve(DatasetCatalog.DIGITS_TEST),
                    dataset.file(DatasetCatalog.DIGITS_TEST).sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (validation < 1 || validation >= trainFile.size()) {
            throw new IllegalArgumentException("validation-examples must be in 1.." + (trainFile.size() - 1)
                    + ", got " + validation);
        }
        int trainCount = trainFile.size() - validation;
        if (trainExamples > trainCount) {
            throw new IllegalArgumentException("train-examples must be in 0.." + trainCount + ", got " + trainExamples);
        }
        if (evalExamples > validation) {
            throw new IllegalArgumentException("eval-examples must be in 0.." + validation + ", got " + evalExamples);
        }
        String archName = "digits-mlp-64" + Arrays.stream(hidden).mapToObj(h -> "-" + h).reduce("", String::concat) + "-10";
        Architecture arch = ImageArchitectures.mlp(archName, Shape.grid(OptDigitsReader.SIDE, OptDigitsReader.SIDE),
                hidden, 10);
        return new ImageClassificationTask("digits", arch,
                trainFile.slice(0, trainExamples == 0 ? trainCount : trainExamples),
                trainFile.slice(trainCount, validation), testFile, false,
                evalExamples == 0 ? validation : evalExamples, BATCH, EVALUATION_BATCH);
    }

    @Override
    public String primaryMetric() {
        return "test_accuracy";
    }
}
