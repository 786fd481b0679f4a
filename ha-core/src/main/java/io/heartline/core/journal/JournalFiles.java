package io.heartline.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of one journal: {@code events.jsonl} and its rotated predecessors {@code events.jsonl.1}
 * (the newest) to {@code events.jsonl.<keep>} (the oldest), plus the few byte-level facts the writer
 * and the reader need about them: the highest {@code seq} in a file, and whether it ends with a newline.
 */
final class JournalFiles {
    /** Tail windows grow up to this before {@link #lastSeq} gives up on the tail (2 maximal lines). */
    private static final int MAX_TAIL_WINDOW = 2 * JournalLines.MAX_LINE_BYTES;
    private static final int FIRST_TAIL_WINDOW = 64 * 1024;

    /** {@link #lastSeq} could not tell from the tail: the caller must scan the whole file. */
    static final long UNKNOWN = -1;

    private JournalFiles() {
    }

    static Path rotated(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** The rotated files that exist now, newest ({@code .1}) first; names beyond {@code keep} included. */
    static List<Path> rotatedFiles(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".";
        List<Numbered> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : entries) {
                String suffix = p.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.length() < 10 && suffix.chars().allMatch(Character::isDigit)) {
                    found.add(new Numbered(Integer.parseInt(suffix), file.resolveSibling(p.getFileName())));
                }
            }
        }
        found.sort(Comparator.comparingInt(Numbered::n));
        return found.stream().map(Numbered::path).toList();
    }

    private record Numbered(int n, Path path) {
    }

    /**
     * Shifts {@code .1 → .2 …}, the current file to {@code .1}, and deletes what would go beyond
     * {@code keep} (with {@code keep == 0} the current file is simply deleted). The oldest go first,
     * so a crash half-way leaves a gap in the numbers (kept as it is), never two files under one name.
     */
    static void rotate(Path file, int keep) throws IOException {
        List<Path> rotated = rotatedFiles(file);
        for (int i = rotated.size() - 1; i >= 0; i--) {
            Path p = rotated.get(i);
            int n = number(file, p);
            if (n >= keep) {
                Files.deleteIfExists(p);
            } else {
                Files.move(p, rotated(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.move(file, rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int number(Path file, Path rotated) {
        return Integer.parseInt(rotated.getFileName().toString().substring(file.getFileName().toString().length() + 1));
    }

    /** The highest {@code seq} in the current file and its rotated files, 0 when none has one. */
    static long highestSeq(Path file) throws IOException {
        List<Path> all = new ArrayList<>();
        all.add(file);
        all.addAll(rotatedFiles(file));
        long highest = 0;
        for (Path p : all) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(p)) {
                long last = lastSeq(ch);
                if (last == UNKNOWN) {
                    last = JournalLines.maxSeq(ch);
                }
                highest = Math.max(highest, last);
            } catch (NoSuchFileException e) {
                // rotated away while we looked: its lines are in another name we also look at
            }
        }
        return highest;
    }

    /**
     * The {@code seq} of the last complete line that has one, found from the tail: 0 when the whole
     * file holds none, {@link #UNKNOWN} when the last {@value #MAX_TAIL_WINDOW} bytes hold none but the
     * file is longer (damaged tail, or a journal from before {@code seq}).
     */
    static long lastSeq(FileChannel ch) throws IOException {
        long size = ch.size();
        int window = (int) Math.min(size, FIRST_TAIL_WINDOW);
        while (window > 0) {
            long start = size - window;
            byte[] buf = readFully(ch, start, window);
            int end = lastIndexOf(buf, buf.length, (byte) '\n'); // bytes after it are a partial line
            while (end >= 0) {
                int from = lastIndexOf(buf, end, (byte) '\n') + 1;
                if (from == 0 && start > 0) {
                    break; // this line may begin before the window
                }
                long seq = JournalLines.seqOf(buf, from, end - from);
                if (seq > 0) {
                    return seq;
                }
                end = from - 1;
            }
            if (window == size) {
                return 0;
            }
            if (window >= MAX_TAIL_WINDOW) {
                return UNKNOWN;
            }
            window = (int) Math.min(size, Math.min((long) window * 4, MAX_TAIL_WINDOW));
        }
        return 0;
    }

    /** Whether a non-empty file's last byte is a newline (an empty file counts as ending cleanly). */
    static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            return size == 0 || readFully(ch, size - 1, 1)[0] == '\n';
        }
    }

    private static byte[] readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break; // truncated under us: the rest stays zero and reads as damage
            }
        }
        return buf.array();
    }

    private static int lastIndexOf(byte[] buf, int before, byte b) {
        for (int i = before - 1; i >= 0; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
