package io.hyperloom.cli;

/** Placeholder entry point; replaced by the picocli root command. */
public final class Hyperloom {
    private Hyperloom() {
    }

    public static void main(String[] args) {
        System.out.println("hyperloom");
    }
}
