package io.heartline.core;

import java.nio.file.Path;

/**
 * Runs the daemon in the foreground until it is stopped; found by {@code hactl daemon} through
 * {@link java.util.ServiceLoader}, so that {@code hactl} itself depends only on the core.
 */
public interface DaemonLauncher {
    /** Runs until SIGTERM (or a fatal error) and returns the exit code. */
    ExitCode run(Path config);
}
