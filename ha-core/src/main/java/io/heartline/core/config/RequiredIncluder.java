package io.heartline.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.nio.file.Path;

/**
 * Makes every {@code include} of a Heartline config required. HOCON skips a missing include
 * silently, so {@code include "profiles/fast.conf"} with a typo would run a node on the defaults
 * (200 ms beacons instead of 10 ms) and nobody would notice before a failover took a second. Here
 * a missing file is an error that names the include and the file it looked for (relative names
 * are resolved in the including file's directory). Everything else is Typesafe Config's own
 * includer: the {@link #withFallback fallback} does the reading.
 */
final class RequiredIncluder implements ConfigIncluder, ConfigIncluderFile {
    private final ConfigIncluder fallback;

    RequiredIncluder() {
        this(null);
    }

    private RequiredIncluder(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder other) {
        return other == fallback ? this : new RequiredIncluder(other);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        try {
            return fallback.include(required(context), what);
        } catch (Missing e) {
            throw e; // an include inside the included file: already named
        } catch (ConfigException.IO e) {
            ConfigParseable target = context.relativeTo(what);
            if (target != null && target.origin().filename() != null) {
                throw e; // the file is there but could not be read: Typesafe's message says why
            }
            throw new Missing(what, expected(context, what), e);
        }
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        if (!(fallback instanceof ConfigIncluderFile files)) {
            throw new IllegalStateException("Typesafe Config's includer reads no files");
        }
        try {
            return files.includeFile(required(context), file);
        } catch (Missing e) {
            throw e;
        } catch (ConfigException.IO e) {
            if (file.exists()) {
                throw e;
            }
            throw new Missing("file(\"" + file + "\")", file.toPath(), e);
        }
    }

    private static ConfigIncludeContext required(ConfigIncludeContext context) {
        return context.setParseOptions(context.parseOptions().setAllowMissing(false));
    }

    /**
     * The file a relative include looked for: next to the including file. Typesafe Config offers
     * no accessor for the including file, but resolving "." against it gives its directory.
     */
    private static Path expected(ConfigIncludeContext context, String what) {
        Path named = Path.of(what);
        if (named.isAbsolute()) {
            return named;
        }
        ConfigParseable here = context.relativeTo(".");
        if (here == null || here.origin().filename() == null) {
            return null;
        }
        return Path.of(here.origin().filename()).normalize().resolve(what);
    }

    /** An include whose file does not exist. */
    static final class Missing extends ConfigException.IO {
        private static final long serialVersionUID = 1L;
        private final String include;
        private final transient Path looked;

        Missing(String include, Path looked, ConfigException cause) {
            super(cause.origin() != null ? cause.origin() : ConfigOriginFactory.newSimple(include), "include " + quote(include) + ": no such file" + (looked == null ? "" : " " + looked), cause);
            this.include = include;
            this.looked = looked;
        }

        /** The include as written: a quoted name, or {@code file("...")}. */
        String include() {
            return include;
        }

        /** The file that was looked for, or null when it cannot be told. */
        Path looked() {
            return looked;
        }

        /** What the operator reads: which include, and where the file was expected. */
        String problem() {
            return "include " + quote(include) + ": no such file" + (looked == null ? "" : " " + looked)
                    + " (an include is read relative to the file that has it; every include must exist)";
        }

        private static String quote(String include) {
            return include.startsWith("file(") ? include : "\"" + include + "\"";
        }
    }
}
