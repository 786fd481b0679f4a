package io.heartline.daemon;

import io.heartline.core.ExitCode;

/** The daemon cannot start; the message says what to fix, the exit code tells systemd whether to retry. */
final class StartupException extends Exception {
    private final ExitCode exitCode;

    StartupException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
