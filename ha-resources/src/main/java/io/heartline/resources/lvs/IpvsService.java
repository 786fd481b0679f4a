package io.heartline.resources.lvs;

import java.util.List;
import java.util.Objects;

/**
 * One virtual service of the IPVS table, as ipvsadm names it: {@code -t 10.0.0.100:80},
 * {@code -u 10.0.0.100:53}, {@code -f 1} (a firewall mark), {@code -f 1 -6} (an IPv6 firewall mark).
 *
 * @param address the service's address and port; null for a firewall mark
 * @param fwmark  the firewall mark; 0 for an address
 */
public record IpvsService(Protocol protocol, Endpoint address, long fwmark) {

    /** How ipvsadm selects the service. */
    public enum Protocol {
        TCP("-t", "tcp"), UDP("-u", "udp"), FWMARK("-f", "fwmark"), FWMARK6("-f", "fwmark6");

        final String flag;
        final String word;

        Protocol(String flag, String word) {
            this.flag = flag;
            this.word = word;
        }
    }

    public IpvsService {
        Objects.requireNonNull(protocol, "protocol");
        boolean mark = protocol == Protocol.FWMARK || protocol == Protocol.FWMARK6;
        if (mark ? address != null || fwmark < 1 || fwmark > 0xFFFFFFFFL : address == null || fwmark != 0) {
            throw new IllegalArgumentException(mark ? "a firewall mark service has a mark from 1 to 4294967295 and no address"
                    : "a " + protocol.word + " service has an address and no firewall mark");
        }
    }

    public static IpvsService tcp(Endpoint address) {
        return new IpvsService(Protocol.TCP, address, 0);
    }

    public static IpvsService udp(Endpoint address) {
        return new IpvsService(Protocol.UDP, address, 0);
    }

    public static IpvsService fwmark(long mark) {
        return new IpvsService(Protocol.FWMARK, null, mark);
    }

    /** The arguments that name this service to ipvsadm: {@code -t 10.0.0.100:80}, {@code -f 1 -6}. */
    public List<String> args() {
        return switch (protocol) {
            case TCP, UDP -> List.of(protocol.flag, address.toString());
            case FWMARK -> List.of("-f", Long.toString(fwmark));
            case FWMARK6 -> List.of("-f", Long.toString(fwmark), "-6");
        };
    }

    /** The port real servers are checked on when theirs is 0: the service's (none for a firewall mark). */
    public int port() {
        return address == null ? 0 : address.port();
    }

    /** {@code tcp 10.0.0.100:80}, {@code fwmark 1}: for logs, the journal and status. */
    @Override
    public String toString() {
        return protocol.word + " " + (address != null ? address.toString() : Long.toString(fwmark));
    }
}
