package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Timing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The status page in a real browser: headless Chromium on the lab's client loads node-b's
 * {@code /status} from its metrics listener (on its LAN address), node-a dies, and the page, never
 * reloaded, shows node-b as the owner of "web" within a second of node-b's claim in its journal.
 * Screenshots (desktop before and after, phone after) stay in the lab's log directory.
 */
class StatusPageBrowserIT extends LabTest {
    private static final int PORT = 9680;
    /** Records, in the page, when each owner of "web" first appeared; and a mark a reload would wipe. */
    private static final String WATCH = """
            (() => {
              window.__heartlineMark = 'loaded once';
              window.__ownerSeen = {};
              const look = () => {
                const o = document.querySelector('[data-group="web"] .owner');
                if (o && !(o.textContent in window.__ownerSeen)) { window.__ownerSeen[o.textContent] = Date.now(); }
              };
              new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true});
              look();
              return true;
            })()""";

    @Test
    void thePageShowsTheNewOwnerWithinASecondOfTheTakeoverWithoutReloading() throws Exception {
        Lab lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        HeartlinePair pair = new HeartlinePair(lab)
                .withNodeConfig(node -> "metrics { listen = \"" + lab.ip(node) + ":" + PORT + "\" }");
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));

        Chromium chrome = Chromium.start(lab, "client");
        String url = "http://" + lab.ip("node-b") + ":" + PORT + "/status";
        Chromium.Page page = chrome.open(url, 1280, 900, false);
        await("the page shows node-a as the owner, live").atMost(Timing.scaled(Duration.ofSeconds(15)))
                .pollInterval(100, TimeUnit.MILLISECONDS).until(() -> "node-a".equals(page.evaluate(
                        "document.querySelector('[data-group=\"web\"] .owner')?.textContent"))
                        && "live".equals(page.evaluate("document.getElementById('conn').textContent")));
        assertEquals(Boolean.TRUE, page.evaluate(WATCH));
        assertEquals("node-b", page.evaluate("document.getElementById('node').textContent"));
        assertEquals("alive", page.evaluate("document.querySelector('[data-node=\"node-a\"] .badge.ok')?.textContent"));
        Path before = page.screenshot(lab.logDir().resolve("status-page-before.png"));

        lab.note("fault: node-a link down + kill -9");
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        pair.awaitActive("node-b", Duration.ofSeconds(10));

        await("the page shows node-b as the owner").atMost(Timing.scaled(Duration.ofSeconds(5)))
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> page.evaluate("window.__ownerSeen['node-b'] || null") != null);
        long shownAt = ((Number) page.evaluate("window.__ownerSeen['node-b']")).longValue();
        Instant claimed = claimTime(pair, "node-b");
        long lag = shownAt - claimed.toEpochMilli();
        System.out.println("[status-page] node-b's claim at " + claimed + ", on the page " + lag + " ms later");
        assertTrue(lag >= 0 && lag <= Timing.scaled(Duration.ofSeconds(1)).toMillis(),
                "the page showed node-b " + lag + " ms after the claim; bound " + Timing.scaled(Duration.ofSeconds(1)));
        assertEquals("loaded once", page.evaluate("window.__heartlineMark"), "the page was not reloaded");
        assertEquals(1.0, ((Number) page.evaluate("performance.getEntriesByType('navigation').length")).doubleValue());

        await("the page shows node-a dead and the takeover's events").atMost(Timing.scaled(Duration.ofSeconds(5)))
                .pollInterval(100, TimeUnit.MILLISECONDS).untilAsserted(() -> {
                    assertEquals("dead", page.evaluate("document.querySelector('[data-node=\"node-a\"] .badge.bad')?.textContent"));
                    String events = (String) page.evaluate("document.querySelector('#events ol').textContent");
                    assertTrue(events.contains("peer-dead"), events);
                    assertTrue(events.contains("transition"), events);
                });
        Path after = page.screenshot(lab.logDir().resolve("status-page-after.png"));
        page.viewport(390, 844, true);
        await().atMost(Timing.scaled(Duration.ofSeconds(2))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> ((Number) page.evaluate("document.documentElement.clientWidth")).intValue() == 390);
        assertTrue(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue() <= 390,
                "nothing is wider than a phone's screen");
        Path phone = page.screenshot(lab.logDir().resolve("status-page-phone.png"));
        for (Path png : new Path[] {before, after, phone}) {
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png + " is a PNG");
            System.out.println("[status-page] screenshot " + png);
        }
    }

    /** When {@code node} journaled its claim of "web" (the transition into STARTING: the new term). */
    private static Instant claimTime(HeartlinePair pair, String node) {
        for (Map<String, Object> e : pair.journalEntries(node)) {
            if ("transition".equals(e.get("kind")) && "web".equals(e.get("group")) && "STARTING".equals(e.get("to"))) {
                return Instant.parse((String) e.get("time"));
            }
        }
        throw new AssertionError(node + " journaled no claim of web: " + pair.journalEntries(node));
    }
}
