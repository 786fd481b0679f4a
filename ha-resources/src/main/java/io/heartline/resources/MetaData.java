package io.heartline.resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An OCF agent's meta-data: its parameters and advertised actions ({@link MetaDataParser} reads
 * it from the agent's {@code meta-data} output). {@link #validateParams} is what
 * {@code hactl config check} runs against a configured resource.
 */
public record MetaData(String agentName, String shortDesc, List<Parameter> parameters, List<Action> actions) {

    /** One {@code <parameter>}: {@code type} is string, integer or boolean; {@code defaultValue} may be null. */
    public record Parameter(String name, boolean required, boolean unique, String type, String defaultValue, String shortDesc) {
    }

    /** One {@code <action>}: the suggested minimum timeout and, for recurring ones, interval (either may be null). */
    public record Action(String name, Duration timeout, Duration interval) {
    }

    public MetaData {
        parameters = List.copyOf(parameters);
        actions = List.copyOf(actions);
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Action> action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * Problems with {@code params} for this agent, each a sentence naming the parameter: unknown
     * parameters, missing required ones, and values that are not of an integer or boolean
     * parameter's type. Empty when the parameters are fine.
     */
    public List<String> validateParams(Map<String, String> params) {
        List<String> problems = new ArrayList<>();
        Set<String> known = parameters.stream().map(Parameter::name).collect(Collectors.toCollection(TreeSet::new));
        for (String name : new TreeSet<>(params.keySet())) {
            if (!known.contains(name)) {
                problems.add("unknown parameter '" + name + "' for " + agentName
                        + (known.isEmpty() ? " (it takes no parameters)" : " (it takes: " + String.join(", ", known) + ")"));
            }
        }
        for (Parameter p : parameters) {
            String value = params.get(p.name());
            if (p.required() && (value == null || value.isEmpty())) {
                problems.add("missing required parameter '" + p.name() + "' for " + agentName
                        + (p.shortDesc() == null || p.shortDesc().isBlank() ? "" : " (" + p.shortDesc().strip() + ")"));
            } else if (value != null && !fitsType(p.type(), value)) {
                problems.add("parameter '" + p.name() + "' of " + agentName + " must be " + p.type() + ", not '" + value + "'");
            }
        }
        return problems;
    }

    private static boolean fitsType(String type, String value) {
        return switch (type == null ? "string" : type.toLowerCase(Locale.ROOT)) {
            case "integer" -> value.strip().matches("[-+]?\\d+");
            case "boolean" -> Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "y", "n")
                    .contains(value.strip().toLowerCase(Locale.ROOT));
            default -> true;
        };
    }
}
