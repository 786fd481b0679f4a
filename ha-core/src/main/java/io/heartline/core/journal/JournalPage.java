package io.heartline.core.journal;

import java.util.List;
import java.util.Map;

/**
 * One page of the journal, oldest first: each entry is a line as a map, {@code seq} and {@code time}
 * included. {@code next} is the cursor for the following page: the highest seq in this page, or the
 * cursor asked with when the page is empty (never below 0).
 */
public record JournalPage(List<Map<String, Object>> entries, long next) {
    public JournalPage {
        entries = List.copyOf(entries);
    }
}
