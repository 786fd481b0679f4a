package io.heartline.takeover;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what {@code ip} prints: {@code ip -o addr show} lines and its error messages. Pure. */
final class IpCommandOutput {
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b(?:inet (\\d+\\.\\d+\\.\\d+\\.\\d+)|inet6 ([0-9A-Fa-f.]*:[0-9A-Fa-f:.]*))/(\\d+)");

    private IpCommandOutput() {
    }

    /** Prefix length of {@code address} in {@code ip -o addr show dev X} output, if listed. */
    static OptionalInt prefixOf(String output, InetAddress address) {
        Matcher m = ADDRESS.matcher(output);
        while (m.find()) {
            try {
                // literals only (dotted quad, or with a colon): never a DNS lookup
                String literal = m.group(1) != null ? m.group(1) : m.group(2);
                if (InetAddress.getByName(literal).equals(address)) {
                    return OptionalInt.of(Integer.parseInt(m.group(3)));
                }
            } catch (UnknownHostException e) {
                // not an address literal: ignore the token
            }
        }
        return OptionalInt.empty();
    }

    /** {@code Cannot find device "eth9"} */
    static boolean noSuchDevice(String stderr) {
        return stderr.contains("Cannot find device") || stderr.contains("does not exist");
    }
}
