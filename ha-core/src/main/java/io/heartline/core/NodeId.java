package io.heartline.core;

import java.util.Objects;

/** A cluster node's name, as written in the config ({@code node-a}, {@code director1}). */
public record NodeId(String name) implements Comparable<NodeId> {
    public NodeId {
        Objects.requireNonNull(name, "name");
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid node name '" + name
                    + "': 1-63 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * 1-63 characters of letters, digits, '.', '_' or '-', starting with a letter or digit. Checked
     * by hand, not with a regex: every beacon received makes NodeIds, so this is on the hot path.
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(NodeId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
