package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.control.StatusText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hactl status} with an LVS director's real-server checks: the daemon's answer
 * ({@code golden/status.json}) with an {@code lvs-director} resource carrying {@code real_servers}
 * renders a "Real servers" table ({@code golden/status-real-servers.txt}); without any, no table.
 */
class StatusRealServersTest {

    static Map<String, Object> server(String server, boolean sorry, String state, Integer weight, int configured,
                                      String check, String last, int inARow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", "tcp 10.77.0.10:80");
        m.put("server", server);
        m.put("sorry", sorry);
        m.put("state", state);
        m.put("weight", weight);
        m.put("configured_weight", configured);
        m.put("check", check);
        m.put("last_result", last);
        m.put("last_check", last == null ? null : "2026-11-21T19:59:59Z");
        m.put("in_a_row", inARow);
        m.put("checks", 42);
        m.put("failures", 3);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withDirector() throws Exception {
        Map<String, Object> s = StatusCommandTest.status();
        Map<String, Object> group = (Map<String, Object>) ((List<Object>) s.get("groups")).get(0);
        List<Object> resources = new ArrayList<>((List<Object>) group.get("resources"));
        Map<String, Object> director = new LinkedHashMap<>();
        director.put("name", "director");
        director.put("agent", "script:lvs-director::/etc/heartline/ipvsadm.rules");
        director.put("state", "RUNNING");
        director.put("fail_count", 0);
        director.put("last_monitor", "SUCCESS");
        director.put("last_monitor_at", "2026-11-21T19:59:59Z");
        director.put("last_failure", null);
        String http = "http GET http://10.77.0.%d:80/health expecting 200 and 'ok'";
        director.put("real_servers", List.of(
                server("10.77.0.100:80", false, "UP", 1, 1, http.formatted(100), "pass: http GET http://10.77.0.100:80/health: 200", 0),
                server("10.77.0.101:80", false, "DOWN", 0, 1, http.formatted(101),
                        "FAIL: http GET http://10.77.0.101:80/health: status 500, expected 200", 0),
                server("10.77.0.102:80", true, "OUT", null, 1, null, null, 0)));
        resources.add(director);
        group.put("resources", resources);
        return s;
    }

    @Test
    void theRealServersOfADirectorAreATableOfTheirOwn() throws Exception {
        String text = StatusText.render(withDirector());
        Golden.assertMatches("status-real-servers.txt", text);
        assertTrue(text.contains("\nReal servers:\n"), text);
    }

    @Test
    void withoutADirectorThereIsNoTable() throws Exception {
        assertFalse(StatusText.render(StatusCommandTest.status()).contains("Real servers"));
    }
}
