package io.heartline.daemon;

import io.heartline.daemon.lifecycle.RunningDaemon;

import io.heartline.core.Clock;
import io.heartline.core.DaemonLauncher;
import io.heartline.core.ExitCode;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hactl daemon --config FILE}: loads and checks the config, runs the daemon until SIGTERM,
 * and returns the exit code (78 for a bad config, 100 when it must not simply be restarted).
 */
public final class HeartlineDaemon implements DaemonLauncher {
    private static final Logger log = LoggerFactory.getLogger(HeartlineDaemon.class);

    @Override
    public ExitCode run(Path configFile) {
        HeartlineConfig config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (InvalidConfigException e) {
            for (ConfigProblem p : e.problems()) {
                log.error("config: {}", p);
            }
            log.error("refusing to start: {} problem(s) in {}", e.problems().size(), configFile);
            return ExitCode.CONFIG;
        }
        RunningDaemon daemon;
        try {
            daemon = RunningDaemon.start(config, Clock.system());
        } catch (StartupException e) {
            log.error("cannot start: {}", e.getMessage(), e.getCause());
            return e.exitCode();
        }
        Thread hook = new Thread(daemon::stop, "heartline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }
}
