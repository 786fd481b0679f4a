package io.heartline.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shared secret that authenticates beacons (HMAC-SHA256). The key file holds one line of at
 * least 16 characters (e.g. {@code openssl rand -hex 32}); surrounding white space is ignored.
 */
public final class AuthKey {
    public static final int MIN_LENGTH = 16;
    private final byte[] key;

    private AuthKey(byte[] key) {
        this.key = key;
    }

    public static AuthKey of(byte[] key) {
        if (key.length < MIN_LENGTH) {
            throw new IllegalArgumentException("auth key is " + key.length + " bytes; at least " + MIN_LENGTH + " needed");
        }
        return new AuthKey(key.clone());
    }

    public static AuthKey of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the key file as the daemon must: through {@link SecretFile}, so a key file owned by
     * another user or open to group or others is refused, and so is the placeholder key. The
     * message of the exception says what is wrong and how to fix it.
     */
    public static AuthKey loadSecret(Path file) throws IOException {
        return checked(file, SecretFile.read(file, "auth key file"));
    }

    /**
     * Reads the key file, checking its content only, not its owner and mode: for tools that read
     * a copy of a key. The daemon and {@code config check} use {@link #loadSecret}.
     */
    public static AuthKey load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("auth key file " + file + " does not exist or is not a regular file");
        }
        return checked(file, Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    private static AuthKey checked(Path file, String text) throws IOException {
        if (SecretFile.isPlaceholder(text)) {
            throw new IOException("auth key file " + file + " holds the example's placeholder '" + text
                    + "': write a real key (try: openssl rand -hex 32)");
        }
        if (text.length() < MIN_LENGTH) {
            throw new IOException("auth key file " + file + " holds " + text.length()
                    + " characters; at least " + MIN_LENGTH + " are needed (try: openssl rand -hex 32)");
        }
        return new AuthKey(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the key bytes, for building a {@code Mac}. */
    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "AuthKey[" + key.length + " bytes]";
    }
}
