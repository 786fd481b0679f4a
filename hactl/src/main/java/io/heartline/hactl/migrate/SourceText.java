package io.heartline.hactl.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A configuration file read for import: its lines, at most {@link #MAX_BYTES} of text, a gzip file
 * read transparently (Debian ships its examples as {@code ha.cf.gz}), bytes that are not UTF-8
 * replaced rather than refused.
 */
public record SourceText(String name, List<String> lines) {
    /** The largest file read, after decompression; a config is a few KiB. */
    public static final int MAX_BYTES = 1 << 20;

    public SourceText {
        lines = List.copyOf(lines);
    }

    /** Reads {@code file}; {@code name} is how the report calls it. */
    public static SourceText read(Path file, String name) throws ImportRefused {
        if (Files.isDirectory(file)) {
            throw ImportRefused.input(name + ": is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw ImportRefused.input(name + ": no such file");
        }
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzipped(file) ? new GZIPInputStream(raw) : raw) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw ImportRefused.input(name + ": cannot read it (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw ImportRefused.input(name + ": larger than " + (MAX_BYTES >> 10) + " KiB; not a configuration file");
        }
        return new SourceText(name, List.of(decode(bytes).split("\r?\n", -1)));
    }

    /** {@code dir/name}, or {@code dir/name.gz} when only that exists; null when neither does. */
    public static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.exists(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) ? gz : null;
    }

    private static boolean gzipped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
