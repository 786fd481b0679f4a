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

    /** Reads the key file; the message of the exception says what is wrong with it. */
    public static AuthKey load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("auth key file " + file + " does not exist or is not a regular file");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
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
