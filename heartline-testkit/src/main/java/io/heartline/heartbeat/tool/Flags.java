package io.heartline.heartbeat.tool;

import io.heartline.core.NodeId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} pairs for the small tools in this module, with checks that say what is
 * wrong in an {@link IllegalArgumentException}.
 */
final class Flags {
    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = values;
    }

    /** The flags in {@code args}, all of them in {@code known}; null if {@code --help} is among them. */
    static Flags parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if (values.put(arg.substring(2), args[++i]) != null) {
                throw new IllegalArgumentException(arg + " given twice");
            }
        }
        return new Flags(values);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    InetAddress address(String name) {
        String v = required(name);
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--" + name + ": not an address: " + v);
        }
    }

    NodeId node(String name) {
        String v = required(name);
        if (!NodeId.isValid(v)) {
            throw new IllegalArgumentException("--" + name + ": not a valid node name: " + v);
        }
        return new NodeId(v);
    }

    int intValue(String name, Integer fallback, int min, int max) {
        return (int) longValue(name, fallback == null ? null : fallback.longValue(), min, max);
    }

    long longValue(String name, Long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a number: " + v);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ": " + v);
        }
        return n;
    }
}
