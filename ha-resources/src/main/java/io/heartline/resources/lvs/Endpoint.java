package io.heartline.resources.lvs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address and port as ipvsadm writes them: {@code 10.0.0.11:80}, {@code [2001:db8::11]:80}, or
 * an address alone (port 0, as for the real servers of a firewall-mark service). Two endpoints are
 * equal when address and port are, however they were written; {@link #toString()} gives the text
 * as it was read, which is what goes back to ipvsadm. Only IP literals: no name is ever looked up.
 */
public final class Endpoint {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?::(\\d{1,5}))?");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");

    private final String text;
    private final String host;
    private final InetAddress address;
    private final int port;

    private Endpoint(String text, String host, InetAddress address, int port) {
        this.text = text;
        this.host = host;
        this.address = address;
        this.port = port;
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code s} */
    public static Endpoint parse(String s) {
        Objects.requireNonNull(s, "endpoint");
        Matcher m = IPV4.matcher(s);
        if (!m.matches()) {
            m = IPV6.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + s + "' is not ADDRESS:PORT with an IP address (e.g. 10.0.0.11:80 or [2001:db8::11]:80)");
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(m.group(1)); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "': '" + m.group(1) + "' is not an IP address");
        }
        if (m.group(1).contains(".") && !m.group(1).contains(":")) {
            for (String octet : m.group(1).split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + s + "': '" + m.group(1) + "' is not an IPv4 address");
                }
            }
        }
        int port = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("'" + s + "': port " + port + " is out of range 1..65535");
        }
        return new Endpoint(s, m.group(1), address, port);
    }

    /** This endpoint with another port, written the same way. */
    public Endpoint withPort(int p) {
        String written = address.getAddress().length == 4 ? host : "[" + host + "]";
        return new Endpoint(written + ":" + p, host, address, p);
    }

    public InetAddress address() {
        return address;
    }

    /** 0 when none was written. */
    public int port() {
        return port;
    }

    /** The address as written, without brackets or port. */
    public String hostText() {
        return host;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.address.equals(address) && e.port == port;
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return text;
    }
}
