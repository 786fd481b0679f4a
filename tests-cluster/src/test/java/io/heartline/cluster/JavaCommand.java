package io.heartline.cluster;

import io.heartline.testkit.Timing;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that run one of our test classes' {@code main} in a fresh, small JVM. */
public final class JavaCommand {
    /** The harness's own properties, handed on so that a child JVM logs and scales like its parent. */
    private static final List<String> PASSED_ON =
            List.of(Timing.PROPERTY, "heartline.home", "heartline.test.classes", "heartline.lab.logs");

    private JavaCommand() {
    }

    /**
     * {@code java [small-JVM flags] -cp TEST_CLASSES MAIN ARGS...} with the test JVM's own java.
     * The class path is {@code heartline.test.classes} (set by failsafe), else the test JVM's.
     */
    public static List<String> of(Class<?> main, String... args) {
        return command(main, testClassPath(), args);
    }

    /**
     * As {@link #of}, for a tool that lives in a dependency (the test kit's ForgeBeacons): the class
     * path also holds the test dependencies ({@code heartline.test.dependencies}, set by failsafe).
     */
    public static List<String> ofTool(Class<?> main, String... args) {
        String dependencies = System.getProperty("heartline.test.dependencies", "").trim();
        boolean set = !dependencies.isEmpty() && !dependencies.startsWith("${");
        return command(main, set ? testClassPath() + File.pathSeparator + dependencies : System.getProperty("java.class.path"), args);
    }

    private static List<String> command(Class<?> main, String classPath, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Light and quick to start: one GC thread, C1 only, no hsperfdata file.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx64m", "-Xss512k"));
        for (String property : PASSED_ON) {
            String value = System.getProperty(property, "");
            if (!value.isBlank()) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String testClassPath() {
        String classes = System.getProperty("heartline.test.classes", "").trim();
        return classes.isEmpty() ? System.getProperty("java.class.path") : classes;
    }
}
