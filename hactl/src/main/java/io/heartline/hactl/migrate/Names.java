package io.heartline.hactl.migrate;

import java.util.Set;
import java.util.regex.Pattern;

/** Names the heartline config accepts, made from the names the sources use. */
final class Names {
    /** A node, group, resource, medium or channel name (as ha-core checks it). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** A network interface name (as ha-core checks it). */
    static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,14}");

    private Names() {
    }

    /** {@code raw} with every character heartline does not take replaced by '-', or {@code fallback}. */
    static String of(String raw, String fallback) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; raw != null && i < raw.length() && b.length() < 63; i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            b.append(ok ? c : '-');
        }
        while (b.length() > 0 && !Character.isLetterOrDigit(b.charAt(0))) {
            b.deleteCharAt(0);
        }
        return b.length() == 0 ? fallback : b.toString();
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, … whichever is not taken yet; adds it to {@code taken}. */
    static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            String suffix = "-" + i;
            name = (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
        }
        return name;
    }

    static boolean isInterface(String s) {
        return s != null && IFACE.matcher(s).matches();
    }
}
