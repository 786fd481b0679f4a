package io.heartline.resources;

/**
 * The OCF resource-agent exit codes (OCF RA API 1.0 / the OCF Resource Agent Developer's Guide),
 * the one vocabulary every agent kind in Heartline answers in. Script and LSB agents translate
 * their own conventions into it; OCF agents speak it natively.
 *
 * <p>{@link #severity()} follows the developer's guide: a <em>soft</em> error may be recovered in
 * place (restart on this node), a <em>hard</em> one cannot be fixed here (missing binary,
 * permissions) and a <em>fatal</em> one is a configuration error that restarting will not fix.
 */
public enum OcfStatus {
    SUCCESS(0),
    ERR_GENERIC(1),
    ERR_ARGS(2),
    ERR_UNIMPLEMENTED(3),
    ERR_PERM(4),
    ERR_INSTALLED(5),
    ERR_CONFIGURED(6),
    NOT_RUNNING(7),
    RUNNING_PROMOTED(8),
    FAILED_PROMOTED(9);

    /** How bad a failed result is, for the on-fail policy. */
    public enum Severity { NONE, SOFT, HARD, FATAL }

    private static final OcfStatus[] BY_CODE = values();

    private final int code;

    OcfStatus(int code) {
        this.code = code;
    }

    /** The exit code an agent returns for this status. */
    public int code() {
        return code;
    }

    /** The status for an agent's exit code; codes OCF does not define are {@link #ERR_GENERIC}. */
    public static OcfStatus fromExit(int exitCode) {
        return exitCode >= 0 && exitCode < BY_CODE.length ? BY_CODE[exitCode] : ERR_GENERIC;
    }

    /**
     * SUCCESS and NOT_RUNNING are not errors in themselves (whether NOT_RUNNING is a failure
     * depends on what was expected); ERR_PERM and ERR_INSTALLED are hard; ERR_CONFIGURED is
     * fatal; everything else is soft.
     */
    public Severity severity() {
        return switch (this) {
            case SUCCESS, NOT_RUNNING, RUNNING_PROMOTED -> Severity.NONE;
            case ERR_PERM, ERR_INSTALLED -> Severity.HARD;
            case ERR_CONFIGURED -> Severity.FATAL;
            default -> Severity.SOFT;
        };
    }
}
