package io.hyperloom.search.kernel;

/** Chooses the kernel: the Vector-API one when the incubator module is present, else the plain one. */
final class Kernels {

    private static final MatrixKernel BEST = choose();

    private Kernels() {
    }

    static MatrixKernel best() {
        return BEST;
    }

    private static MatrixKernel choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !Boolean.getBoolean("hyperloom.plainKernel")) {
            try {
                return (MatrixKernel) Class.forName("io.hyperloom.search.kernel.VectorKernel")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return PlainKernel.INSTANCE;
            }
        }
        return PlainKernel.INSTANCE;
    }
}
