package io.heartline.resources.lvs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One real server (or sorry server) of a checked virtual service, as {@code hactl status} shows it.
 *
 * @param state            UP or DOWN for a real server; IN or OUT for the sorry server
 * @param weight           its weight in the table now; null when it is not in the table
 * @param configuredWeight its weight in the rules file (the sorry server's: 1)
 * @param check            what its check does; null for the sorry server
 * @param lastResult       the last check's outcome ("pass: …", "FAIL: …"); null before the first
 * @param lastCheck        when the last check ended; null before the first
 * @param inARow           results in a row counting towards a change (failures while UP, passes while DOWN)
 */
public record RealServerStatus(String service, String server, boolean sorry, String state, Integer weight,
                               int configuredWeight, String check, String lastResult, Instant lastCheck, int inARow,
                               long checks, long failures) {

    /** JSON-shaped, for the status answer. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("server", server);
        m.put("sorry", sorry);
        m.put("state", state);
        m.put("weight", weight);
        m.put("configured_weight", configuredWeight);
        m.put("check", check);
        m.put("last_result", lastResult);
        m.put("last_check", lastCheck == null ? null : lastCheck.toString());
        m.put("in_a_row", inARow);
        m.put("checks", checks);
        m.put("failures", failures);
        return m;
    }
}
