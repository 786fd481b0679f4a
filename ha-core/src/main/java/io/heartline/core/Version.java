package io.heartline.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Heartline's version, written into the jar by the build ({@code version.properties}). */
public final class Version {
    private Version() {
    }

    /** The version, or "unknown" when run from classes the build did not filter (an IDE). */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
