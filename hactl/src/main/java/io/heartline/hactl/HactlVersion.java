package io.heartline.hactl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * hactl's own version, from a resource Maven fills in at build time (so it never drifts from the
 * pom), else the jar manifest. Read only when asked, not at start-up.
 */
final class HactlVersion implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"hactl " + version()};
    }

    static String version() {
        try (InputStream in = HactlVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hactl's " + RESOURCE, e);
        }
        String manifest = HactlVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
