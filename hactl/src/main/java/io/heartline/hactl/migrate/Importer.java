package io.heartline.hactl.migrate;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * The steps every import shares once a source is mapped: the auth key, the text of the config, the
 * IPVS rules file, and the check the daemon would run ({@link ConfigLoader#check}) on the config as
 * written, so that "exit 0" means the file passes {@code hactl config check}.
 */
public final class Importer {
    /** A mapper of one source format. */
    public interface Source {
        ClusterPlan map(ImportOptions options, ImportReport report) throws ImportRefused;

        /** What the source used as its key, for the report ("keepalived's auth_pass"). */
        String oldKey();

        /** A source whose mapping is {@code map} and whose old key is {@code oldKey}. */
        static Source of(String oldKey, Mapping map) {
            return new Source() {
                @Override
                public ClusterPlan map(ImportOptions options, ImportReport report) throws ImportRefused {
                    return map.map(options, report);
                }

                @Override
                public String oldKey() {
                    return oldKey;
                }
            };
        }
    }

    /** What a source does: its files read into a plan, what it could not map reported. */
    @FunctionalInterface
    public interface Mapping {
        ClusterPlan map(ImportOptions options, ImportReport report) throws ImportRefused;
    }

    /** The config's text, the check of it (its file names replaced by {@code shownAs}), and the plan. */
    public record Outcome(String config, ConfigReport check, ClusterPlan plan) {
    }

    private Importer() {
    }

    /**
     * Maps, writes {@code out} (or a temporary file when null) and checks it.
     *
     * @param interfaces the machine's network interfaces, for the check's warnings
     */
    public static Outcome run(Source source, ImportOptions options, ImportReport report, Path out,
                              Predicate<String> interfaces) throws ImportRefused {
        ClusterPlan plan = source.map(options, report);
        plan.authKeyFile = AuthKeyFile.prepare(options.authKeyFile(), options.usualAuthKeyFile(), source.oldKey(), report).toAbsolutePath();
        String text = PlanWriter.write(plan);
        if (options.ipvsRules() != null && !plan.ipvsRules.isEmpty()) {
            write(options.ipvsRules(), String.join("\n", plan.ipvsRules) + "\n");
            report.note("wrote the IPVS rules to " + options.ipvsRules());
        } else if (!plan.ipvsRules.isEmpty()) {
            report.note("the IPVS rules are at the end of the config, commented: write them to " + plan.ipvsRulesFile
                    + " on every node (or pass --ipvs-rules FILE), and install lvs-director into the resource directory");
        }
        Path file = out;
        try {
            if (file == null) {
                file = Files.createTempFile("heartline-import-", ".conf");
            }
            write(file, text);
            return new Outcome(text, ConfigLoader.check(file, interfaces), plan);
        } catch (IOException e) {
            throw ImportRefused.usage("cannot write a temporary file to check the config (" + e.getMessage() + ")");
        } finally {
            if (out == null && file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    report.note("could not delete the temporary file " + file + " (" + e.getMessage() + ")");
                }
            }
        }
    }

    /** Writes {@code file} whole or not at all: a temporary file beside it, then a rename. */
    private static void write(Path file, String text) throws ImportRefused {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw ImportRefused.usage("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
