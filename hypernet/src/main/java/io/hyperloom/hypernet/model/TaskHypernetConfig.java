package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a task-conditioned chunked hypernetwork ({@link TaskHypernetWeightGenerator}).
 *
 * @param tasks          how many task embeddings (contexts) θ holds
 * @param taskEmbedding  size of each task embedding e_t
 * @param chunkEmbedding size of each chunk embedding c_k
 * @param chunkSize      weights produced per chunk (the output width of H)
 * @param hidden         relu hidden-layer widths of H (at least one)
 * @param init           the standard rule whose per-tensor std scales H's output (see the generator)
 */
public record TaskHypernetConfig(int tasks, int taskEmbedding, int chunkEmbedding, int chunkSize, List<Integer> hidden,
                                 Initialisation init) {

    public TaskHypernetConfig {
        positive("tasks", tasks);
        positive("task-embedding", taskEmbedding);
        positive("chunk-embedding", chunkEmbedding);
        positive("chunk-size", chunkSize);
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("the task-conditioned hypernetwork needs at least one hidden layer; "
                    + "give hidden widths such as 100,100");
        }
        for (int h : hidden) {
            positive("hidden width", h);
        }
        Objects.requireNonNull(init, "init");
        if (init == Initialisation.ZERO) {
            throw new IllegalArgumentException("init zero would generate all-zero weights; use lecun, he or glorot");
        }
    }

    public static TaskHypernetConfig of(int tasks, int taskEmbedding, int chunkEmbedding, int chunkSize, int[] hidden,
                                        Initialisation init) {
        return new TaskHypernetConfig(tasks, taskEmbedding, chunkEmbedding, chunkSize,
                Arrays.stream(hidden).boxed().toList(), init);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}
