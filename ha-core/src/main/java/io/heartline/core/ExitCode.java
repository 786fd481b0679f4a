package io.heartline.core;

/**
 * Exit codes of {@code hactl} and the daemon (sysexits.h where one fits). Only {@code main} calls
 * {@code System.exit}; everything else returns one of these.
 */
public enum ExitCode {
    /** Done as asked. */
    OK(0),
    /** The command ran but what it asked for did not happen (e.g. a failover that was refused). */
    FAILED(1),
    /** Wrong command-line use. */
    USAGE(64),
    /** The daemon is not running or does not answer. */
    UNAVAILABLE(69),
    /** A bug: an unexpected error. */
    SOFTWARE(70),
    /** The system refused something (socket, network, address). */
    OSERR(71),
    /**
     * The daemon's state-owning loop, or a thread the failover path needs, failed (an Error, a bug,
     * a stuck loop): the process ended at once after a best-effort release of its VIPs, so that
     * the peer takes over on silence. Restart it (systemd does); look for the cause in the log.
     */
    HALTED(75),
    /** Not allowed (control socket permissions). */
    NOPERM(77),
    /** The configuration is invalid. */
    CONFIG(78),
    /** The daemon must not be restarted as is (e.g. damaged state): fix it first. */
    FATAL(100);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
