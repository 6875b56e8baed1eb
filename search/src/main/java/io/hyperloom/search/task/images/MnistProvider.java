package io.hyperloom.search.task.images;

/** Registers {@code mnist}. */
public final class MnistProvider extends IdxTaskProvider {

    public MnistProvider() {
        super("mnist", "MNIST handwritten digit");
    }
}
