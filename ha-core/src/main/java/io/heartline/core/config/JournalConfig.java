package io.heartline.core.config;

/**
 * How the event journal ({@code events.jsonl} in {@code state-dir}) is rotated: a file that would
 * grow past {@code maxFileBytes} is closed and a new one started; the newest {@code keep} closed
 * files are kept, older ones deleted.
 *
 * @param maxFileBytes size at which the journal file rotates, {@value #MIN_FILE_BYTES}..{@value #MAX_FILE_BYTES}
 * @param keep         rotated files kept, {@value #MIN_KEEP}..{@value #MAX_KEEP}
 */
public record JournalConfig(long maxFileBytes, int keep) {
    public static final long MIN_FILE_BYTES = 64L * 1024;
    public static final long MAX_FILE_BYTES = 1024L * 1024 * 1024;
    public static final int MIN_KEEP = 1;
    public static final int MAX_KEEP = 1000;
    /** 16 MiB per file, 10 files: a few months of events on a busy pair, 176 MiB at most. */
    public static final JournalConfig DEFAULT = new JournalConfig(16L * 1024 * 1024, 10);

    public JournalConfig {
        if (maxFileBytes < MIN_FILE_BYTES || maxFileBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("journal max-file-size " + maxFileBytes + " is out of range "
                    + MIN_FILE_BYTES + ".." + MAX_FILE_BYTES + " bytes");
        }
        if (keep < MIN_KEEP || keep > MAX_KEEP) {
            throw new IllegalArgumentException("journal keep " + keep + " is out of range " + MIN_KEEP + ".." + MAX_KEEP);
        }
    }
}
