package io.heartline.resources;

import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the agents that run an executable share: the install check and running it through {@link AgentProcess}. */
abstract class CommandAgent implements ResourceAgent {
    protected final AgentSettings settings;
    protected final Path executable;
    private final AgentProcess process;

    CommandAgent(AgentSettings settings, Path executable) {
        this.settings = settings;
        this.executable = executable;
        this.process = new AgentProcess(settings.clock());
    }

    /** The executable this agent runs. */
    public Path executable() {
        return executable;
    }

    /** Empty when the executable can be run; otherwise the result that says why not. */
    protected Optional<OperationResult> notRunnable(Operation op) {
        if (!Files.exists(executable)) {
            return Optional.of(OperationResult.of(op, OcfStatus.ERR_INSTALLED, executable + ": not installed"));
        }
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            return Optional.of(OperationResult.of(op, OcfStatus.ERR_PERM, executable + ": not an executable file"));
        }
        return Optional.empty();
    }

    /** Runs the executable with {@code args}, behind the configured command prefix. */
    /**
     * Runs the executable with {@code args}, behind the configured command prefix, without the
     * {@code OCF_*} variables this process inherited (only those in {@code env}).
     *
     * @throws IOException if it could not be started at all
     */
    protected AgentProcess.Result exec(List<String> args, Map<String, String> env, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(settings.commandPrefix());
        command.add(executable.toString());
        command.addAll(args);
        AgentProcess.Result r = process.run(AgentProcess.Command.of(command).withEnv(env).withoutInherited("OCF_"), timeout);
        if (r.ending() == AgentProcess.Ending.NOT_STARTED) {
            throw new IOException(r.error());
        }
        return r;
    }

    /** The result for an executable that exists but could not be started. */
    protected OperationResult cannotRun(Operation op, IOException e) {
        return OperationResult.of(op, OcfStatus.ERR_INSTALLED, executable + ": cannot run: " + e.getMessage());
    }

    /** A killed run (timeout, or interrupted) as a timed-out result; otherwise {@code status} with its output and time. */
    protected static OperationResult result(Operation op, AgentProcess.Result outcome, OcfStatus status) {
        if (outcome.ending() != AgentProcess.Ending.EXITED) {
            return OperationResult.timedOut(op, outcome.combined(), outcome.took());
        }
        return OperationResult.of(op, status, outcome.combined(), outcome.took());
    }

    /** What is left of {@code timeout} after {@code used}, never negative. */
    protected static Duration remaining(Duration timeout, Duration used) {
        Duration left = timeout.minus(used);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
