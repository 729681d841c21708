package dev.easel.bridge;

/** Command-line entry point of the bridge; see {@code --help}. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        System.out.println("Easel bridge: the command line is being built.");
    }
}
