package io.heartline.hactl.migrate;

/**
 * No usable config can be made: the input has nothing heartline can run (no VRRP instance, no
 * resource group), or something only the command line can tell is missing. The message says what,
 * and which option to pass when one would help.
 */
public final class ImportRefused extends Exception {
    private final boolean usage;

    private ImportRefused(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    /** The input cannot be mapped. */
    public static ImportRefused input(String message) {
        return new ImportRefused(message, false);
    }

    /** An option is missing or wrong. */
    public static ImportRefused usage(String message) {
        return new ImportRefused(message, true);
    }

    /** Whether an option would fix it (exit 64) rather than the input (exit 1). */
    public boolean isUsage() {
        return usage;
    }
}
