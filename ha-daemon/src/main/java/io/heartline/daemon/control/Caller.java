package io.heartline.daemon.control;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who sent a request, from the kernel's credentials of the socket's peer (SO_PEERCRED, taken when
 * it connected): its user, its effective group, and whether it is root (uid 0, whatever its name).
 */
public record Caller(String user, String group, boolean root) {
    /** Looked up once: principals compare by uid, so this also matches a uid 0 named otherwise. */
    private static volatile UserPrincipal rootPrincipal;

    /**
     * The peer of {@code ch}. The JDK resolves the uid and gid to names (getpwuid, getgrgid), which may
     * ask a directory service: call this off the selector thread.
     */
    static Caller of(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new Caller(p.user().getName(), p.group().getName(), isRoot(p.user()));
    }

    private static boolean isRoot(UserPrincipal user) {
        UserPrincipal root = rootPrincipal;
        if (root == null) {
            try {
                root = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("root");
                rootPrincipal = root;
            } catch (IOException e) {
                return user.getName().equals("root") || user.getName().equals("0");
            }
        }
        return root.equals(user);
    }

    @Override
    public String toString() {
        return root ? "root" : user + " (group " + group + ")";
    }
}
