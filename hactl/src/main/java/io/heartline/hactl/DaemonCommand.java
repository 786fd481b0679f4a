package io.heartline.hactl;

import io.heartline.core.DaemonLauncher;
import io.heartline.core.ExitCode;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "daemon", description = "Run the Heartline daemon in the foreground (logs to stdout).")
final class DaemonCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "config file (default: ${DEFAULT-VALUE})",
            defaultValue = "/etc/heartline/heartline.conf")
    Path config;

    @Override
    public Integer call() {
        DaemonLauncher launcher = ServiceLoader.load(DaemonLauncher.class).findFirst().orElse(null);
        if (launcher == null) {
            System.err.println("hactl: the daemon (ha-daemon jar) is not installed beside hactl");
            return ExitCode.SOFTWARE.code();
        }
        return launcher.run(config).code();
    }
}
