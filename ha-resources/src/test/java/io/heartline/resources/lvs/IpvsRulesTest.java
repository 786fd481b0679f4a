package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules file, the -L -n listing and endpoints, as ipvsadm writes them; bad input named. */
class IpvsRulesTest {
    static final String FILE = """
            # director rules, from ipvsadm-save -n
            -A -t 203.0.113.10:80 -s wlc
            -a -t 203.0.113.10:80 -r 192.168.1.11:80 -g -w 1
            -a -t 203.0.113.10:80 -r 192.168.1.12:80 -g -w 2   # the bigger one

            -A -u 203.0.113.10:53 -s rr
            -a -u 203.0.113.10:53 -r 192.168.1.11:53 -m -w 1
            -A -f 7 -s wlc -p 300
            -a -f 7 -r 192.168.1.11:0 -g -w 1
            -A -t [2001:db8::10]:443 -s wlc
            -a -t [2001:db8::10]:443 -r [2001:db8::11]:443 -g -w 5
            """;

    @Test
    void readsServicesAndTheirServersWithWeightsAndOptions() {
        IpvsRules r = IpvsRules.parse(FILE);
        IpvsService web = IpvsService.tcp(Endpoint.parse("203.0.113.10:80"));
        assertEquals(List.of(web, IpvsService.udp(Endpoint.parse("203.0.113.10:53")), IpvsService.fwmark(7),
                IpvsService.tcp(Endpoint.parse("[2001:db8::10]:443"))), List.copyOf(r.services()));
        List<IpvsDest> dests = r.dests(web);
        assertEquals(2, dests.size());
        assertEquals(2, dests.get(1).weight());
        assertEquals(List.of("-g", "-w", "2"), dests.get(1).options());
        assertEquals("Masq", r.dests(IpvsService.udp(Endpoint.parse("203.0.113.10:53"))).get(0).forwarding());
        assertEquals(5, r.dests(IpvsService.tcp(Endpoint.parse("[2001:0db8:0:0::10]:443"))).get(0).weight(),
                "an IPv6 service matches however it is written");
        assertEquals("fwmark 7", IpvsService.fwmark(7).toString());
    }

    @Test
    void expectedRendersTheChangesInSaveFormAndKeepsTheRest() {
        IpvsRules r = IpvsRules.parse(FILE);
        IpvsService web = IpvsService.tcp(Endpoint.parse("203.0.113.10:80"));
        IpvsDest sorry = new IpvsDest(web, Endpoint.parse("192.168.1.250:80"), List.of("-g", "-w", "1"), 1);
        String out = r.expected(Map.of(web, Map.of(Endpoint.parse("192.168.1.12:80"), 0)), Map.of(web, Map.of(sorry, 1)));
        List<String> lines = out.lines().toList();
        assertFalse(out.contains("192.168.1.11:80 -g"), "removed from the service");
        assertTrue(lines.contains("-a -t 203.0.113.10:80 -r 192.168.1.12:80 -g -w 0"), out);
        assertTrue(lines.contains("-a -t 203.0.113.10:80 -r 192.168.1.250:80 -g -w 1"), out);
        assertTrue(lines.contains("-a -u 203.0.113.10:53 -r 192.168.1.11:53 -m -w 1"), "other services as they are");
        assertTrue(lines.contains("# director rules, from ipvsadm-save -n"));
    }

    @Test
    void aBadLineIsNamedByNumber() {
        for (var c : Map.of(
                "-A -t 10.0.0.1:80 -s wlc\n-a -t 10.0.0.1:80 -r 10.0.0.11:80 -g -w many\n", "line 2: weight 'many' is not a number",
                "-a -t 10.0.0.1:80 -r 10.0.0.11:80 -g\n", "line 1: real server of tcp 10.0.0.1:80 before its -A line",
                "-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n", "line 2: virtual service tcp 10.0.0.1:80 is defined twice",
                "-A -t web.example:80\n", "line 1: 'web.example:80' is not ADDRESS:PORT",
                "ipvsadm -A -t 10.0.0.1:80\n", "line 1: 'ipvsadm -A -t 10.0.0.1:80' is not an -A or -a rule",
                "-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -g\n", "line 2: '-a -t 10.0.0.1:80 -g': -r SERVER must follow",
                "-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -r 1.2.3.4:80\n-a -t 10.0.0.1:80 -r 1.2.3.4:80\n",
                "line 3: real server 1.2.3.4:80 of tcp 10.0.0.1:80 is listed twice").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpvsRules.parse(c.getKey()));
            assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void readsTheListingIpvsadmPrints() {
        IpvsListing l = IpvsListing.parse("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  203.0.113.10:80 wlc
                  -> 192.168.1.11:80              Route   0      3          10
                  -> 192.168.1.12:80              Route   2      7          0
                UDP  203.0.113.10:53 rr
                FWM  7 wlc persistent 300
                  -> 192.168.1.11:0               Route   1      0          0
                """);
        assertEquals(Map.of(Endpoint.parse("192.168.1.11:80"), 0, Endpoint.parse("192.168.1.12:80"), 2),
                l.weights(IpvsService.tcp(Endpoint.parse("203.0.113.10:80"))));
        assertTrue(l.has(IpvsService.udp(Endpoint.parse("203.0.113.10:53"))));
        assertEquals(Map.of(Endpoint.parse("192.168.1.11:0"), 1), l.weights(IpvsService.fwmark(7)));
        assertFalse(l.has(IpvsService.tcp(Endpoint.parse("203.0.113.10:443"))));
        assertThrows(IllegalArgumentException.class, () -> IpvsListing.parse("  -> 192.168.1.11:80 Route 1 0 0\n"));
        assertThrows(IllegalArgumentException.class, () -> IpvsListing.parse("TCP  1.2.3.4:80 wlc\n  -> 1.2.3.5:80 Route heavy 0 0\n"));
    }

    @Test
    void endpointsAreIpLiteralsOnly() {
        assertEquals(Endpoint.parse("10.0.0.1:80"), Endpoint.parse("10.0.0.1:80"));
        assertEquals(0, Endpoint.parse("10.0.0.1").port());
        assertEquals("[2001:db8::1]:8080", Endpoint.parse("[2001:db8::1]:80").withPort(8080).toString());
        for (String bad : List.of("localhost:80", "10.0.0.256:80", "10.0.0.1:70000", "2001:db8::1:80", "", "10.0.0.1:")) {
            assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(bad), bad);
        }
    }
}
