package io.heartline.hactl.migrate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code hactl import} tells the operator on standard error: each line it mapped with a change
 * of meaning ({@code 'nopreempt' -> failback = manual}), each line it could not map and why, and
 * notes without a line (a generated key, what to install). Bounded: a file of garbage cannot make
 * it grow past {@link #MAX_ENTRIES}.
 */
public final class ImportReport {
    static final int MAX_ENTRIES = 5000;

    /** One entry; {@code origin} is null for a note about the whole import. */
    public record Entry(Origin origin, Kind kind, String text) {
        @Override
        public String toString() {
            String where = origin == null ? "" : origin.where() + ": ";
            String what = origin == null || origin.text().isEmpty() ? "" : "'" + origin.text() + "'";
            return switch (kind) {
                case MAPPED -> where + what + " -> " + text;
                case NOT_MAPPED -> where + "not mapped: " + (what.isEmpty() ? "" : what + ": ") + text;
                case NOTE -> where + "note: " + text;
            };
        }
    }

    /** Mapped with a change worth knowing; not mapped at all; a note. */
    public enum Kind { MAPPED, NOT_MAPPED, NOTE }

    private final List<Entry> entries = new ArrayList<>();
    private int dropped;

    public void mapped(Origin origin, String how) {
        add(new Entry(origin, Kind.MAPPED, how));
    }

    public void notMapped(Origin origin, String why) {
        add(new Entry(origin, Kind.NOT_MAPPED, why));
    }

    public void note(Origin origin, String text) {
        add(new Entry(origin, Kind.NOTE, text));
    }

    public void note(String text) {
        add(new Entry(null, Kind.NOTE, text));
    }

    private void add(Entry e) {
        if (entries.size() < MAX_ENTRIES) {
            entries.add(e);
        } else {
            dropped++;
        }
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long count(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).count();
    }

    /** Entries with a line, file by file in the order the files were read and by line; then the notes. */
    public List<Entry> sorted() {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.origin() != null) {
                fileOrder.putIfAbsent(e.origin().file(), fileOrder.size());
            }
        }
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparingInt((Entry e) -> e.origin() == null ? Integer.MAX_VALUE : fileOrder.get(e.origin().file()))
                .thenComparingInt(e -> e.origin() == null ? 0 : e.origin().line()));
        return out;
    }

    public void print(PrintStream err) {
        for (Entry e : sorted()) {
            err.println(e);
        }
        if (dropped > 0) {
            err.println("… and " + dropped + " more entries not shown");
        }
    }
}
