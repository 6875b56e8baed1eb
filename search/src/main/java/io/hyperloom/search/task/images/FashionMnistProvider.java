package io.hyperloom.search.task.images;

/** Registers {@code fashion-mnist}. */
public final class FashionMnistProvider extends IdxTaskProvider {

    public FashionMnistProvider() {
        super("fashion-mnist", "Fashion-MNIST clothing");
    }
}
