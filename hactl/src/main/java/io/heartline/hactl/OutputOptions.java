package io.heartline.hactl;

import picocli.CommandLine.Option;

/**
 * {@code --output text|json} (and {@code --json}, kept as its alias) for every command, so that
 * scripts get the same machine-readable form everywhere.
 */
final class OutputOptions {
    /** The two output formats. */
    enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    @Option(names = "--json", description = "the same as --output json")
    boolean json;

    boolean isJson() {
        return json || format == Format.json;
    }
}
