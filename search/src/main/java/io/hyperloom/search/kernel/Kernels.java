package io.hyperloom.search.kernel;

/** Chooses the kernels: the Vector-API ones when the incubator module is present, else the plain one. */
final class Kernels {

    private static final MatrixKernel BEST = choose();
    private static final ConvKernel BEST_CONV = BEST instanceof PlainKernel ? PlainConvKernel.INSTANCE : chooseConv();

    private Kernels() {
    }

    static MatrixKernel best() {
        return BEST;
    }

    static ConvKernel bestConv() {
        return BEST_CONV;
    }

    private static ConvKernel chooseConv() {
        try {
            return (ConvKernel) Class.forName("io.hyperloom.search.kernel.VectorConvKernel")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return PlainConvKernel.INSTANCE;
        }
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
