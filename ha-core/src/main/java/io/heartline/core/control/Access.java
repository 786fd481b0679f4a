package io.heartline.core.control;

/** Who may send a request: anyone who can open the control socket, or only an administrator. */
public enum Access {
    /** Reads the daemon's state: root, the {@code heartline} group and the admin group (whoever reaches the socket). */
    READ_ONLY,
    /** Changes the cluster: root or a member of the admin group ({@code heartline-admin} by default). */
    ADMIN
}
