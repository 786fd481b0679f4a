package io.heartline.hactl.migrate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literals as the sources write them; never a DNS lookup. */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Only what starts like this is parsed as an IPv6 literal: anything else would make the JDK look the name up in DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private Addresses() {
    }

    /** The address of an IPv4 or IPv6 literal, or null for anything else (host names included). */
    static InetAddress parse(String s) {
        if (s == null || !(IPV4.matcher(s).matches() || s.contains(":") && IPV6.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    static boolean isIp(String s) {
        return parse(s) != null;
    }

    static boolean isIpv6(String s) {
        InetAddress a = parse(s);
        return a != null && a.getAddress().length == 16;
    }

    static boolean same(String a, String b) {
        InetAddress x = parse(a);
        return x != null && x.equals(parse(b));
    }

    /** {@code 10.0.0.1} or {@code [fe80::1]} for a URL or an {@code ipvsadm} service. */
    static String host(String ip) {
        return isIpv6(ip) ? "[" + ip + "]" : ip;
    }

    /**
     * {@code ADDRESS/PREFIX} from {@code 10.0.0.1}, {@code 10.0.0.1/24} or {@code 10.0.0.1/255.255.255.0};
     * a bare address gets a host prefix (/32, /128), as keepalived and heartbeat give it. Null when not valid.
     */
    static String cidr(String spec) {
        int slash = spec.indexOf('/');
        String ip = slash < 0 ? spec : spec.substring(0, slash);
        InetAddress a = parse(ip);
        if (a == null) {
            return null;
        }
        int max = a.getAddress().length * 8;
        if (slash < 0) {
            return ip + "/" + max;
        }
        String mask = spec.substring(slash + 1);
        Integer prefix = mask.matches("\\d{1,3}") ? Integer.valueOf(mask) : fromNetmask(mask);
        return prefix == null || prefix < 1 || prefix > max ? null : ip + "/" + prefix;
    }

    /** {@code 255.255.255.0} → 24; null when it is no contiguous IPv4 netmask. */
    private static Integer fromNetmask(String mask) {
        InetAddress m = IPV4.matcher(mask).matches() ? parse(mask) : null;
        if (m == null) {
            return null;
        }
        int bits = 0;
        for (byte b : m.getAddress()) {
            bits = bits << 8 | (b & 0xff);
        }
        int prefix = Integer.bitCount(bits);
        return bits == (prefix == 0 ? 0 : -1 << (32 - prefix)) ? prefix : null;
    }
}
