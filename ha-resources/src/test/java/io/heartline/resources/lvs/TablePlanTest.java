package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.resources.lvs.RealServerHealth.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan: from health and the table now, the ipvsadm commands, one server at a time, capacity first. */
class TablePlanTest {
    static final IpvsRules RULES = IpvsRules.parse("""
            -A -t 10.0.0.100:80 -s wlc
            -a -t 10.0.0.100:80 -r 192.168.1.11:80 -m -w 3
            -a -t 10.0.0.100:80 -r 192.168.1.12:8080 -m -w 1
            -a -t 10.0.0.100:80 -r 192.168.1.13:80 -m -w 0
            """);
    static final Endpoint A = Endpoint.parse("192.168.1.11:80");
    static final Endpoint B = Endpoint.parse("192.168.1.12:8080");
    static final Endpoint C = Endpoint.parse("192.168.1.13:80");
    static final Endpoint SORRY = Endpoint.parse("192.168.1.250:8080");

    static VirtualServices.VirtualService vs(VirtualServiceSpec.OnFailure onFailure, boolean sorry) {
        VirtualServiceSpec spec = new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("10.0.0.100:80")), onFailure,
                sorry ? new VirtualServiceSpec.SorryServer(SORRY, "-m", 1) : null,
                CheckSpec.tcp(0).withTiming(Duration.ofSeconds(5), Duration.ofSeconds(3), 2, 3), Map.of());
        return VirtualServices.match(List.of(spec), RULES, Path.of("rules")).get(0);
    }

    static Map<Endpoint, Integer> table(Object... serverWeight) {
        Map<Endpoint, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < serverWeight.length; i += 2) {
            m.put((Endpoint) serverWeight[i], (Integer) serverWeight[i + 1]);
        }
        return m;
    }

    static List<String> plan(VirtualServices.VirtualService vs, Map<Endpoint, State> health, Map<Endpoint, Integer> table) {
        return TablePlan.plan(vs, health, table).stream().map(IpvsCommand::toString).toList();
    }

    @Test
    void allHealthyAndAsLoadedIsNothingToDo() {
        assertEquals(List.of(), plan(vs(VirtualServiceSpec.OnFailure.QUIESCENT, true), Map.of(), table(A, 3, B, 1, C, 0)));
    }

    @Test
    void quiescentKeepsTheOptionsAndSetsTheWeightOnly() {
        assertEquals(List.of("ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -m -w 0"),
                plan(vs(VirtualServiceSpec.OnFailure.QUIESCENT, false), Map.of(A, State.DOWN), table(A, 3, B, 1, C, 0)));
        assertEquals(List.of("ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -m -w 3"),
                plan(vs(VirtualServiceSpec.OnFailure.QUIESCENT, false), Map.of(A, State.UP), table(A, 0, B, 1, C, 0)));
    }

    @Test
    void removeDeletesAndAddsBackAsTheFileSays() {
        assertEquals(List.of("ipvsadm -d -t 10.0.0.100:80 -r 192.168.1.12:8080"),
                plan(vs(VirtualServiceSpec.OnFailure.REMOVE, false), Map.of(B, State.DOWN), table(A, 3, B, 1, C, 0)));
        assertEquals(List.of("ipvsadm -a -t 10.0.0.100:80 -r 192.168.1.12:8080 -m -w 1"),
                plan(vs(VirtualServiceSpec.OnFailure.REMOVE, false), Map.of(), table(A, 3, C, 0)));
    }

    @Test
    void theSorryServerIsAddedFirstAndRemovedLast() {
        VirtualServices.VirtualService vs = vs(VirtualServiceSpec.OnFailure.QUIESCENT, true);
        assertEquals(List.of("ipvsadm -a -t 10.0.0.100:80 -r 192.168.1.250:8080 -m -w 1",
                        "ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -m -w 0",
                        "ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.12:8080 -m -w 0"),
                plan(vs, Map.of(A, State.DOWN, B, State.DOWN), table(A, 3, B, 1, C, 0)));
        assertEquals(List.of("ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.12:8080 -m -w 1",
                        "ipvsadm -d -t 10.0.0.100:80 -r 192.168.1.250:8080"),
                plan(vs, Map.of(A, State.DOWN, B, State.UP), table(A, 0, B, 0, C, 0, SORRY, 1)));
    }

    @Test
    void aHealthyServerOfWeightZeroServesNoOneSoTheSorryServerStaysIn() {
        VirtualServices.VirtualService vs = vs(VirtualServiceSpec.OnFailure.QUIESCENT, true);
        assertEquals(List.of(), plan(vs, Map.of(A, State.DOWN, B, State.DOWN, C, State.UP), table(A, 0, B, 0, C, 0, SORRY, 1)),
                "C is healthy but drained (weight 0 in the rules file)");
    }

    @Test
    void aServerMissingFromTheTableButDownIsAddedAtZeroWithQuiescent() {
        assertEquals(List.of("ipvsadm -a -t 10.0.0.100:80 -r 192.168.1.11:80 -m -w 0"),
                plan(vs(VirtualServiceSpec.OnFailure.QUIESCENT, false), Map.of(A, State.DOWN), table(B, 1, C, 0)));
    }
}
