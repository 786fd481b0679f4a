package io.heartline.daemon;

import io.heartline.core.ExitCode;

/** The daemon cannot start; the message says what to fix, the exit code tells systemd whether to retry. */
public final class StartupException extends Exception {
    private final ExitCode exitCode;

    public StartupException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
