package io.heartline.hactl.migrate;

/** A node as the command line names it: {@code NAME} or {@code NAME=ADDRESS}. */
public record NodeSpec(String name, String address) {
    /** {@code --node} or {@code --peer}'s value; {@code option} names the option in messages. */
    public static NodeSpec parse(String option, String value) throws ImportRefused {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        String address = eq < 0 ? null : value.substring(eq + 1);
        if (!Names.NAME.matcher(name).matches()) {
            throw ImportRefused.usage(option + " " + value + ": '" + name + "' is not a node name (letters, digits, '.', '_', '-')");
        }
        if (address != null && !Addresses.isIp(address)) {
            throw ImportRefused.usage(option + " " + value + ": '" + address + "' is not an IP address (host names are not accepted)");
        }
        return new NodeSpec(name, address);
    }
}
