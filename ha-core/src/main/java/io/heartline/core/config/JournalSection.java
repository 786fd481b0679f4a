package io.heartline.core.config;

import java.util.Set;

/** Parses {@code journal { max-file-size = 16MiB, keep = 10 }}; absent keys take {@link JournalConfig#DEFAULT}'s values. */
final class JournalSection {
    private JournalSection() {
    }

    static JournalConfig parse(ConfigReader r) {
        if (!r.has("journal")) {
            return JournalConfig.DEFAULT;
        }
        ConfigReader j = r.object("journal");
        if (j == null) {
            return null;
        }
        j.onlyKeys(Set.of("max-file-size", "keep"));
        Long size = j.has("max-file-size")
                ? j.bytes("max-file-size", JournalConfig.MIN_FILE_BYTES, JournalConfig.MAX_FILE_BYTES)
                : Long.valueOf(JournalConfig.DEFAULT.maxFileBytes());
        Integer keep = j.has("keep") ? j.integer("keep", JournalConfig.MIN_KEEP, JournalConfig.MAX_KEEP)
                : Integer.valueOf(JournalConfig.DEFAULT.keep());
        return size == null || keep == null ? null : new JournalConfig(size, keep);
    }
}
