package io.heartline.hactl;

import io.heartline.core.NodeId;
import io.heartline.core.control.Request;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * A command that is one control request: it builds the typed {@link Request}, and
 * {@link ControlCall} sends it, prints the answer and returns the exit code. A subclass says only
 * what it asks ({@link #request()}) and, when the message is not enough, how the answer reads ({@link #text}).
 */
abstract class ControlCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    @Spec
    CommandSpec spec;

    /** The request; a {@link ParameterException} (exit 64) when the arguments make none. */
    abstract Request request();

    /** The answer as text when it says ok: its message. */
    String text(Map<String, Object> answer) {
        return answer.get("message") + "\n";
    }

    @Override
    public Integer call() {
        return ControlCall.run(socket, request(), output, this::text);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** NODE arguments: a node name, checked before anything is sent. */
    static final class NodeConverter implements ITypeConverter<NodeId> {
        @Override
        public NodeId convert(String value) {
            if (!NodeId.isValid(value)) {
                throw new TypeConversionException("not a node name: '" + value
                        + "' (1-63 letters, digits, '.', '_' or '-', starting with a letter or digit)");
            }
            return new NodeId(value);
        }
    }
}
