package io.heartline.core.control;

/** Every control command: its name on the wire ({@code "cmd"}) and who may send it. */
public enum Command {
    STATUS("status", Access.READ_ONLY),
    EVENTS("events", Access.READ_ONLY),
    VERSION("version", Access.READ_ONLY),
    FAILOVER("failover", Access.ADMIN),
    STANDBY("standby", Access.ADMIN),
    ONLINE("online", Access.ADMIN),
    MAINTENANCE("maintenance", Access.ADMIN),
    RELOAD("reload", Access.ADMIN),
    FENCE("fence", Access.ADMIN),
    FENCE_ACK("fence-ack", Access.ADMIN),
    RESOURCE_CLEANUP("resource-cleanup", Access.ADMIN),
    NOTIFY_TEST("notify-test", Access.ADMIN);

    private final String wireName;
    private final Access access;

    Command(String wireName, Access access) {
        this.wireName = wireName;
        this.access = access;
    }

    public String wireName() {
        return wireName;
    }

    public Access access() {
        return access;
    }
}
