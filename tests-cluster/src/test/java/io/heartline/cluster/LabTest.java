package io.heartline.cluster;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the cluster tests: {@link #lab} builds a lab for the current test, and the
 * {@link LabExtension} closes it after the test whatever happened.
 *
 * <pre>{@code
 * class FailoverIT extends LabTest {
 *     @Test
 *     void backupTakesOver() {
 *         Lab lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
 *         ...
 *     }
 * }
 * }</pre>
 */
@Tag("cluster")
public abstract class LabTest {
    @RegisterExtension
    protected final LabExtension labs = new LabExtension();

    /** A lab with the given topology, closed after this test. */
    protected Lab lab(UnaryOperator<LabBuilder> topology) {
        return labs.create(topology);
    }
}
