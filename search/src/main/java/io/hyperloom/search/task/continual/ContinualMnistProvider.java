package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;
import io.hyperloom.search.task.images.IdxTaskProvider;
import io.hyperloom.search.task.images.ImageArchitectures;
import io.hyperloom.search.task.images.ImageClassificationTask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code permuted-mnist} and {@code split-mnist} share: MNIST loaded by the {@code mnist}
 * task's loader (the 55,000 training images of Ha et al.'s split train; the 10,000 test images
 * score), the {@code mnist-mlp} architecture by default, and the options that cut both down for
 * quick runs.
 */
abstract class ContinualMnistProvider implements TaskProvider {

    static List<OptionSpec> commonOptions() {
        return List.of(
                OptionSpec.ofIntList("hidden", "256", "relu hidden-layer widths of the 784-…-10 MLP (256 = mnist-mlp)"),
                OptionSpec.ofInt("train-examples", 0, "use only the first n of the 55,000 training images; 0 = all"),
                OptionSpec.ofInt("test-examples", 0, "score on only the first n of the 10,000 test images; 0 = all"),
                OptionSpec.ofBoolean("center", false, "subtract the training images' per-pixel mean (all tasks' images,"
                        + " permuted with the pixels on permuted-mnist) from every training and test input, as mnist's"
                        + " center"));
    }

    /** The training and test sets and the architecture the options ask for. */
    record Loaded(Architecture architecture, ImageSet train, ImageSet test) {
    }

    /** MNIST from the data directory, the last {@value IdxTaskProvider#VALIDATION} training images held out unused. */
    @Override
    public final Task create(Options options, Environment environment) {
        return tasks(options, load(DatasetCatalog.standard().dataset("mnist"), environment.dataDir(), options,
                IdxTaskProvider.VALIDATION));
    }

    /** The benchmark the options ask for on {@code data}. */
    abstract ContinualImageTasks tasks(Options options, Loaded data);

    /**
     * {@code dataset}'s training file minus its last {@code validation} images (which no continual
     * task uses) and its test file, cut down as the options ask.
     */
    static Loaded load(Dataset dataset, Path dataDir, Options options, int validation) {
        int trainExamples = options.intValue("train-examples");
        int testExamples = options.intValue("test-examples");
        // only the mnist task's sets are taken, so its own centring stays off: the benchmark centres its inputs itself
        ImageClassificationTask mnist = IdxTaskProvider.create(dataset, dataDir, new Options(Map.of(
                "arch", ImageArchitectures.MNIST_MLP, "augment", "off", "center", "false", "eval-examples", "0",
                "train-examples", Integer.toString(trainExamples))), validation);
        ImageSet test = mnist.test();
        if (testExamples < 0 || testExamples > test.size()) {
            throw new IllegalArgumentException("test-examples must be in 0.." + test.size() + " (0 = all), got "
                    + testExamples);
        }
        if (testExamples > 0) {
            test = test.slice(0, testExamples);
        }
        int[] hidden = options.intList("hidden");
        Architecture arch = hidden.length == 1 && hidden[0] == 256 ? ImageArchitectures.mnistMlp()
                : ImageArchitectures.mlp("mnist-mlp" + suffix(hidden), new Shape(1, 28, 28), hidden, 10);
        return new Loaded(arch, mnist.training(), test);
    }

    private static String suffix(int[] hidden) {
        List<String> s = new ArrayList<>();
        for (int h : hidden) {
            s.add(Integer.toString(h));
        }
        return "-784-" + String.join("-", s) + "-10";
    }

    @Override
    public String primaryMetric() {
        return "mean_acc_final";
    }
}
