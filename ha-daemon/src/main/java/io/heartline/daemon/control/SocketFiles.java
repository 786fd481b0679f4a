package io.heartline.daemon.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The control socket's file: for root and, when the system has a group named {@value #GROUP} (the
 * .deb creates it), for that group's members: mode 0660 and group {@value #GROUP}, in a directory
 * made 0750 with that group when the daemon creates it; without such a group, root only (0600 in
 * 0700). The kernel checks this mode when a client connects, so only those can send even read-only
 * requests; requests that change the cluster are checked again, per request, by {@link Admission}.
 */
final class SocketFiles {
    static final String GROUP = "heartline";

    private SocketFiles() {
    }

    /** Makes the directory, and removes a socket left by a daemon that died; refuses one that still answers. */
    static void prepare(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        GroupPrincipal group = operatorGroup();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (group != null) {
                Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            }
        }
        if (Files.exists(path)) {
            if (answers(path)) {
                throw new IOException("another daemon answers on control socket " + path);
            }
            Files.delete(path);
        }
    }

    /** Gives the bound socket its group and mode. */
    static void restrict(Path path) throws IOException {
        GroupPrincipal group = operatorGroup();
        if (group != null) {
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** The {@value #GROUP} group, or null when this system has none. */
    static GroupPrincipal operatorGroup() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(GROUP);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean answers(Path path) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            return false;
        }
    }
}
