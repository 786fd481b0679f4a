package io.heartline.heartbeat;

import java.util.ArrayList;
import java.util.List;

/**
 * A medium's own membership (a JGroups view) as shown to people: how many members, and the first
 * {@value #MAX_NAMES} names cut to {@value #MAX_NAME} printable characters. The view comes from
 * the network unauthenticated, so it is bounded here and never acted on.
 *
 * @param size  the number of members in the view
 * @param names the first members' names, cleaned and cut
 */
public record MembersView(int size, List<String> names) {
    public static final int MAX_NAMES = 32;
    public static final int MAX_NAME = 64;
    /** Before the first view. */
    public static final MembersView NONE = new MembersView(0, List.of());

    public MembersView {
        names = List.copyOf(names);
    }

    /** The bounded view of {@code members}. */
    public static MembersView of(List<String> members) {
        List<String> names = new ArrayList<>(Math.min(members.size(), MAX_NAMES));
        for (int i = 0; i < members.size() && i < MAX_NAMES; i++) {
            names.add(clean(String.valueOf(members.get(i))));
        }
        return new MembersView(members.size(), names);
    }

    /** Whether every member is named (the view held at most {@value #MAX_NAMES}). */
    public boolean complete() {
        return names.size() == size;
    }

    private static String clean(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX_NAME));
        for (int i = 0; i < name.length() && b.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return complete() ? names.toString() : names + " and " + (size - names.size()) + " more";
    }
}
