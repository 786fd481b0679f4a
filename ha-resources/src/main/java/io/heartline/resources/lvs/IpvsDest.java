package io.heartline.resources.lvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One real server of a virtual service, as a rules line in {@code ipvsadm-save -n} form writes it
 * ({@code -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1}): the server and the options after it.
 * Every change to it keeps the options as written and only sets the weight, so the forwarding
 * method and thresholds survive an edit (ipvsadm's {@code -e} resets what it is not given).
 *
 * @param options the arguments after {@code -r SERVER}, in order
 * @param weight  the configured weight ({@code -w}; ipvsadm's default 1 when absent)
 */
public record IpvsDest(IpvsService service, Endpoint server, List<String> options, int weight) {

    public IpvsDest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(server, "server");
        options = List.copyOf(options);
        if (weight < 0 || weight > 65535) {
            throw new IllegalArgumentException("weight " + weight + " is out of range 0..65535");
        }
    }

    /** A destination from its options, its weight read from {@code -w}/{@code --weight} (default 1). */
    public static IpvsDest of(IpvsService service, Endpoint server, List<String> options) {
        int weight = 1;
        for (int i = 0; i < options.size(); i++) {
            if (isWeightFlag(options.get(i))) {
                if (i + 1 >= options.size()) {
                    throw new IllegalArgumentException(options.get(i) + " without a value");
                }
                try {
                    weight = Integer.parseInt(options.get(i + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight '" + options.get(i + 1) + "' is not a number");
                }
            }
        }
        return new IpvsDest(service, server, options, weight);
    }

    /** {@code -a SERVICE -r SERVER OPTIONS} with weight {@code w}. */
    public List<String> addArgs(int w) {
        return args("-a", w);
    }

    /** {@code -e SERVICE -r SERVER OPTIONS} with weight {@code w}. */
    public List<String> editArgs(int w) {
        return args("-e", w);
    }

    /** {@code -d SERVICE -r SERVER}. */
    public List<String> deleteArgs() {
        List<String> out = new ArrayList<>(List.of("-d"));
        out.addAll(service.args());
        out.add("-r");
        out.add(server.toString());
        return out;
    }

    /** The rules line for this destination at weight {@code w}, in {@code ipvsadm-save -n} form. */
    public String saveLine(int w) {
        return String.join(" ", addArgs(w));
    }

    /** ipvsadm's forwarding word for this destination: Route, Tunnel or Masq (Route when none is written). */
    public String forwarding() {
        for (String o : options) {
            switch (o) {
                case "-m", "--masquerading" -> {
                    return "Masq";
                }
                case "-i", "--ipip" -> {
                    return "Tunnel";
                }
                default -> {
                }
            }
        }
        return "Route";
    }

    private List<String> args(String command, int w) {
        List<String> out = new ArrayList<>(List.of(command));
        out.addAll(service.args());
        out.add("-r");
        out.add(server.toString());
        boolean set = false;
        for (int i = 0; i < options.size(); i++) {
            out.add(options.get(i));
            if (isWeightFlag(options.get(i)) && i + 1 < options.size()) {
                out.add(Integer.toString(w));
                i++;
                set = true;
            }
        }
        if (!set) {
            out.add("-w");
            out.add(Integer.toString(w));
        }
        return out;
    }

    private static boolean isWeightFlag(String o) {
        return o.equals("-w") || o.equals("--weight");
    }
}
