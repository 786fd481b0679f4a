package io.heartline.core;

import java.util.Objects;
import java.util.regex.Pattern;

/** A cluster node's name, as written in the config ({@code node-a}, {@code director1}). */
public record NodeId(String name) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public NodeId {
        Objects.requireNonNull(name, "name");
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid node name '" + name
                    + "': 1-63 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
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
