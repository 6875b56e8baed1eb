package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code hypernet}. */
public final class HypernetProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "hypernet";
    }

    @Override
    public String description() {
        return "tiles generated from learned embeddings by a shared linear hypernetwork (Ha, Dai & Le 2016), "
                + "trained by gradient";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("nz", 4, "embedding size N_z per tile"),
                OptionSpec.ofInt("d", 4, "hidden size d of the hypernetwork (a_i = W_i z + B_i)"),
                OptionSpec.ofString("tile", "16x16", "tile shape OUTxIN: output × input units (dense) or channels "
                        + "(conv, with the full k×k window); clamped to each tensor, edge tiles cropped"),
                OptionSpec.ofString("generate", HypernetConfig.LARGEST, "generated weight tensors: largest (the "
                        + "largest weight tensor, conv2 l2.w on mnist-conv), all-weights, or comma-separated names "
                        + "like l0.w,l2.w; the rest are searched directly"),
                OptionSpec.ofChoice("init", "lecun", "standard rule for direct tensors and the target std of generated "
                        + "ones: 1/√fan-in (lecun), √(2/fan-in) (he), √(2/(fan-in+fan-out)) (glorot)",
                        "lecun", "he", "glorot"),
                OptionSpec.ofChoice("train", "all", "what the optimizer searches: all (H, embeddings and direct "
                        + "tensors) or embeddings (H drawn once from h-seed and frozen; embeddings and direct tensors "
                        + "searched, e.g. evolved by cmaes or ga)", "all", "embeddings"),
                OptionSpec.ofLong("h-seed", 1, "seed of the frozen H when train=embeddings"),
                OptionSpec.ofDouble("scale", 0.1, "per-coordinate scale for evolution (initial CMA-ES σ, GA mutation σ)"),
                OptionSpec.ofChoice("conditioning", "none", "none: Ha et al.'s tiled hypernetwork (the options above); "
                        + "task: one learned embedding per task, W = H(e_t) from a chunked MLP hypernetwork (von Oswald "
                        + "et al. 2020; options tasks, task-embedding, chunk-embedding, chunk-size, hidden, init)",
                        "none", "task"),
                OptionSpec.ofInt("tasks", 10, "conditioning=task: number of task embeddings (at least the task's sub-tasks)"),
                OptionSpec.ofInt("task-embedding", 24, "conditioning=task: size of each task embedding e_t"),
                OptionSpec.ofInt("chunk-embedding", 8, "conditioning=task: size of each chunk embedding c_k"),
                OptionSpec.ofInt("chunk-size", 2000, "conditioning=task: weights generated per chunk (H's output width)"),
                OptionSpec.ofIntList("hidden", "100,100", "conditioning=task: relu hidden-layer widths of H"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options options) {
        Initialisation init = Initialisation.valueOf(options.string("init").toUpperCase());
        if (options.string("conditioning").equals("task")) {
            TaskHypernetConfig c = TaskHypernetConfig.of(options.intValue("tasks"), options.intValue("task-embedding"),
                    options.intValue("chunk-embedding"), options.intValue("chunk-size"), options.intList("hidden"), init);
            return new TaskHypernetFamily(new TaskHypernetWeightGenerator(layout, c), options.doubleValue("scale"));
        }
        int[] tile = HypernetConfig.parseTile(options.string("tile"));
        HypernetConfig config = new HypernetConfig(options.intValue("nz"), options.intValue("d"), tile[0], tile[1],
                options.string("generate"), init);
        if (options.string("train").equals("embeddings")) {
            return FrozenHypernetFamily.of(layout, config, options.longValue("h-seed"), options.doubleValue("scale"));
        }
        return new HypernetFamily(layout, config, options.doubleValue("scale"));
    }
}
