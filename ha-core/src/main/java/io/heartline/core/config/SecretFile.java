package io.heartline.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one place a secret is read from a file (the auth key, {@code password-file} of alert
 * channels and fence devices), checked the way ssh checks a private key: the file must be owned
 * by root or by the user running the check, and give group and others no access at all. A secret
 * anyone else can read or replace is no secret; refusing it at {@code hactl config check} and at
 * start-up beats finding out after a forged beacon.
 *
 * <p>The literal {@value #PLACEHOLDER} (any case) is refused as a secret wherever it appears, in
 * a file or in the config: it is what the shipped example says, so it is known to everyone.
 */
public final class SecretFile {
    /** The placeholder of the shipped example: never a real secret. */
    public static final String PLACEHOLDER = "change-me";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFile() {
    }

    /**
     * The file's content without surrounding white space (a trailing newline is not part of a
     * password), after checking owner and mode.
     *
     * @param what what the file holds, for messages: {@code "auth key file"}, {@code "password file"}
     * @throws IOException naming the file and, for a bad owner or mode, both and the fix
     */
    public static String read(Path file, String what) throws IOException {
        checkAccess(file, what);
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException(what + " " + file + " is empty");
        }
        if (isPlaceholder(text)) {
            throw new IOException(what + " " + file + " holds the example's placeholder '" + text
                    + "': write a real secret into it");
        }
        return text;
    }

    /** Refuses a file that is missing, not a regular file, owned by someone else, or open to group or others. */
    public static void checkAccess(Path file, String what) throws IOException {
        checkAccess(file, what, effectiveUid());
    }

    /** {@link #checkAccess(Path, String)} as if this process ran as {@code self}. */
    static void checkAccess(Path file, String what, int self) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " " + file + " does not exist or is not a regular file");
        }
        PosixFileAttributes attributes;
        int uid;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
            uid = (Integer) Files.getAttribute(file, "unix:uid");
        } catch (UnsupportedOperationException e) {
            throw new IOException(what + " " + file + ": cannot read its owner and mode on this file system", e);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(attributes.permissions());
        open.retainAll(GROUP_OR_OTHERS);
        boolean ownerOk = uid == 0 || uid == self;
        if (ownerOk && open.isEmpty()) {
            return;
        }
        String owner = attributes.owner().getName() + " (uid " + uid + ")";
        String mode = mode(attributes.permissions());
        String rule = ownerOk ? "must not be readable or writable by group or others"
                : "must be owned by root or by the user running heartline (uid " + self + ")"
                + (open.isEmpty() ? "" : ", and not be readable or writable by group or others");
        throw new IOException(what + " " + file + " is owned by " + owner + " with mode " + mode + " ("
                + PosixFilePermissions.toString(attributes.permissions()) + "): it " + rule
                + "; fix: chown root: " + file + "; chmod 600 " + file);
    }

    /** Whether {@code secret} is the example's placeholder, in any case and with any surrounding white space. */
    public static boolean isPlaceholder(String secret) {
        return secret != null && secret.strip().toLowerCase(Locale.ROOT).equals(PLACEHOLDER);
    }

    /** {@code 0644} */
    static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 0400 >> p.ordinal();
        }
        return String.format("%04o", bits);
    }

    /**
     * The effective uid of this process: Linux makes {@code /proc/self} owned by it. Elsewhere, or
     * when that cannot be read, -1, which only root-owned files satisfy.
     */
    static int effectiveUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
