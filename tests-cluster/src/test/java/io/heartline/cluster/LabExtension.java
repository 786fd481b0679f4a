package io.heartline.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes labs for one test at a time and always closes them after the test, passed or failed
 * (register with {@code @RegisterExtension}, or extend {@link LabTest}). When the test failed,
 * the state of each lab (links, addresses, neighbours, processes) is written to
 * {@code failure-state.txt} in the lab's log directory before the teardown.
 */
public final class LabExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<Lab> labs = new ArrayList<>();
    private String label = "lab";

    @Override
    public void beforeEach(ExtensionContext context) {
        label = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    /** Builds a lab named after the current test; it is closed after the test. */
    public synchronized Lab create(UnaryOperator<LabBuilder> topology) {
        Lab lab = topology.apply(Lab.builder(label)).build();
        labs.add(lab);
        return lab;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        afterTest(context.getExecutionException().orElse(null));
    }

    /**
     * The teardown path: reports the state of each lab when {@code failure} is not null, then
     * closes every lab. Throws if a teardown failed.
     */
    synchronized void afterTest(Throwable failure) {
        RuntimeException teardownFailure = null;
        for (Lab lab : labs) {
            if (failure != null) {
                report(lab, failure);
            }
            try {
                lab.close();
            } catch (RuntimeException e) {
                if (teardownFailure == null) {
                    teardownFailure = e;
                } else {
                    teardownFailure.addSuppressed(e);
                }
            }
        }
        labs.clear();
        if (teardownFailure != null) {
            throw teardownFailure;
        }
    }

    private static void report(Lab lab, Throwable failure) {
        Path file = lab.logDir().resolve("failure-state.txt");
        try {
            Files.writeString(file, "test failed: " + failure + "\n\n" + lab.describe(), StandardCharsets.UTF_8);
            System.err.println("lab " + lab.prefix() + ": test failed, state and logs in " + lab.logDir());
        } catch (IOException | RuntimeException e) {
            System.err.println("lab " + lab.prefix() + ": cannot write " + file + ": " + e);
        }
    }
}
