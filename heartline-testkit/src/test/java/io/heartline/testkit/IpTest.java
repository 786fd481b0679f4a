package io.heartline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the lab helpers parse and scale, without a namespace. */
class IpTest {
    @Test
    void parsesOneLineAddressOutput() {
        String out = "2: eth0    inet 10.77.0.1/24 scope global eth0\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet 10.77.0.10/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet6 fe80::68:6cff:fe00:1/64 scope link \\       valid_lft forever preferred_lft forever\n";
        assertEquals(List.of("10.77.0.1/24", "10.77.0.10/24", "fe80::68:6cff:fe00:1/64"), Ip.parseAddresses(out));
        assertEquals(List.of(), Ip.parseAddresses(""));
    }

    @Test
    void timingScalesByTheProperty() {
        String before = System.getProperty(Timing.PROPERTY);
        try {
            System.setProperty(Timing.PROPERTY, "2.5");
            assertEquals(Duration.ofMillis(250), Timing.scaled(Duration.ofMillis(100)));
            System.setProperty(Timing.PROPERTY, "");
            assertEquals(Duration.ofMillis(100), Timing.scaled(Duration.ofMillis(100)));
            System.setProperty(Timing.PROPERTY, "-1");
            assertThrows(IllegalStateException.class, Timing::multiplier);
        } finally {
            if (before == null) {
                System.clearProperty(Timing.PROPERTY);
            } else {
                System.setProperty(Timing.PROPERTY, before);
            }
        }
    }

    @Test
    void shellCapturesOutputAndExitCodeAndRendersCommandsToPaste() {
        Shell.Result r = Shell.run("sh", "-c", "echo out; echo err >&2; exit 4");
        assertEquals(4, r.exitCode());
        assertEquals(List.of("out"), r.lines());
        assertEquals("err\n", r.stderr());
        assertEquals("ip -n ns addr 'it'\\''s here'", Shell.render(List.of("ip", "-n", "ns", "addr", "it's here")));
        Shell.ShellException e = assertThrows(Shell.ShellException.class, () -> Shell.check("sh", "-c", "exit 3"));
        assertEquals(3, e.result().exitCode());
    }
}
