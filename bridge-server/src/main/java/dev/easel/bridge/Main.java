package dev.easel.bridge;

import dev.easel.bridge.cli.Cli;

/** Command-line entry point of the bridge; see {@code --help}. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err).run(args);
        if (code != Cli.OK) System.exit(code);
    }
}
