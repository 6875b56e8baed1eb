package io.hyperloom.cli;

import io.hyperloom.cli.report.WeightImageRenderer;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.render.WeightImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report's weight images: the best run's generated weight tensors (biases left out), rebuilt
 * from the record with {@link Experiments#bestWeights} and drawn by {@link WeightImages}. A run
 * whose weights cannot be rebuilt here (a dataset task without its data, a NEAT network without a
 * fixed layout) simply has no images.
 */
final class ReportWeightImages implements WeightImageRenderer {

    private final Experiments experiments;

    ReportWeightImages(Experiments experiments) {
        this.experiments = experiments;
    }

    @Override
    public List<Path> write(RunResult run, Path dir, String prefix) throws IOException {
        Experiments.Built built;
        double[] weights;
        try {
            built = experiments.build(run.spec());
            weights = experiments.bestWeights(built, run);
        } catch (RuntimeException e) {
            return List.of();
        }
        ParameterLayout layout = built.family() instanceof ParametricFamily p ? p.layout()
                : built.task().architecture().layout();
        Path tmp = Files.createTempDirectory("hyperloom-weights");
        try {
            List<Path> out = new ArrayList<>();
            for (WeightImages.Image image : WeightImages.DEFAULT.write(layout, weights, tmp)) {
                if (layout.tensor(image.tensor()).isBias()) {
                    continue;
                }
                Path target = dir.resolve(prefix + image.file().getFileName());
                Files.move(image.file(), target, StandardCopyOption.REPLACE_EXISTING);
                out.add(target);
            }
            return out;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
