package io.heartline.resources.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.ManualClock;
import io.heartline.core.VirtualScheduler;
import io.heartline.resources.AgentSettings;
import io.heartline.resources.FakeIpvs;
import io.heartline.resources.OcfStatus;
import io.heartline.resources.OperationResult;
import io.heartline.resources.ResourceAgent;
import io.heartline.resources.ResourceAgents;
import io.heartline.resources.ResourceSpec;
import io.heartline.resources.TestScripts;
import io.heartline.core.process.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped lvs-director script with real-server checks, over the shared fake ipvsadm: the
 * checks' changes reach the table one ipvsadm call at a time, the monitor compares the table with
 * what the checks made of it (a quiesced server is no drift, a server deleted by hand is), stop
 * ends the checks before the table is cleared. The checks run in virtual time; the script and
 * ipvsadm are real processes.
 */
class LvsDirectorResourceTest {
    static final Duration T = Duration.ofSeconds(20);
    static final String A = "192.168.1.11:80";

    @TempDir
    Path dir;
    FakeIpvs ipvs;
    Path rules;
    Path expected;
    final ManualClock clock = new ManualClock();
    final VirtualScheduler scheduler = new VirtualScheduler(clock);
    final FakeChecks servers = new FakeChecks(scheduler);
    final RecordingListener listener = new RecordingListener();
    AgentSettings settings;

    @BeforeEach
    void setUp() throws Exception {
        ipvs = new FakeIpvs(dir.resolve("ipvs"));
        rules = dir.resolve("ipvsadm.rules");
        Files.writeString(rules, RealServerCheckTest.RULES);
        expected = dir.resolve("state/lvs/web.director.rules");
        settings = AgentSettings.defaults().withScriptDir(TestScripts.shippedScripts())
                .withCommandPrefix(List.of("env", "PATH=" + ipvs.env().get("PATH")));
    }

    LvsDirectorResource director(VirtualServiceSpec spec) {
        ResourceAgent script = ResourceAgents.create(ResourceSpec.of("director", "script",
                Map.of("script", "lvs-director", "1", rules.toString())), settings);
        ResourceAgent expectedStatus = ResourceAgents.create(ResourceSpec.of("director", "script",
                Map.of("script", "lvs-director", "1", expected.toString())), settings);
        Ipvsadm ipvsadm = Ipvsadm.onPath(settings.commandPrefix(), Clock.system());
        CheckerParts parts = new CheckerParts() {
            @Override
            public ScheduledExecutorService loop(String name) {
                return scheduler;
            }

            @Override
            public ExecutorService workers(String name, int threads) {
                return new java.util.concurrent.AbstractExecutorService() {
                    @Override
                    public void execute(Runnable r) {
                        servers.execute(r);
                    }

                    @Override
                    public void shutdown() {
                    }

                    @Override
                    public List<Runnable> shutdownNow() {
                        return List.of();
                    }

                    @Override
                    public boolean isShutdown() {
                        return false;
                    }

                    @Override
                    public boolean isTerminated() {
                        return false;
                    }

                    @Override
                    public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
                        return true;
                    }
                };
            }

            @Override
            public Ipvsadm ipvsadm() {
                return ipvsadm;
            }

            @Override
            public RealServerCheck check(CheckSpec c, IpvsService service, Endpoint server) {
                return servers.make(c, service, server);
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
        return new LvsDirectorResource("web", "director", script, expectedStatus, List.of(spec), rules, expected, parts,
                listener);
    }

    /** What the plain script (comparing with the rules file) says of the table. */
    OperationResult plainStatus() {
        return ResourceAgents.create(ResourceSpec.of("director", "script", Map.of("script", "lvs-director", "1",
                rules.toString())), settings).run(io.heartline.resources.Operation.MONITOR, T);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> realServer(LvsDirectorResource r, String server) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.statusDetails().get("real_servers");
        return list.stream().filter(m -> server.equals(m.get("server"))).findFirst().orElseThrow();
    }

    @Test
    void theChecksChangesReachTheTableAndTheMonitorFollowsThem() throws Exception {
        LvsDirectorResource director = director(RealServerCheckTest.service(VirtualServiceSpec.OnFailure.QUIESCENT, true));
        OperationResult start = director.start(T);
        assertEquals(OcfStatus.SUCCESS, start.status(), start.output());
        assertTrue(start.output().endsWith("; checking 2 real server(s) of 1 virtual service(s)"), start.output());
        assertTrue(ipvs.calls().contains("ipvsadm -C"), "the script loaded the rules whole, as before");
        assertEquals(OcfStatus.SUCCESS, director.monitor(T).status());
        ipvs.clearCalls();

        servers.fail(A);
        scheduler.advance(Duration.ofSeconds(15));
        assertEquals(List.of("ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"), ipvs.calls());
        assertTrue(Files.readString(ipvs.table).contains("-a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0"));
        assertEquals(OcfStatus.NOT_RUNNING, plainStatus().status(), "against the rules file the table has drifted");
        OperationResult monitor = director.monitor(T);
        assertEquals(OcfStatus.SUCCESS, monitor.status(), "but it is what the checks made of it: " + monitor.output());
        assertEquals("DOWN", realServer(director, A).get("state"));
        assertEquals(0, realServer(director, A).get("weight"));
        assertEquals(Map.of(Endpoint.parse(A), 0, Endpoint.parse("192.168.1.12:80"), 2),
                IpvsListing.parse(Shell.fake(ipvs, "ipvsadm", "-L", "-n")).weights(IpvsService.tcp(Endpoint.parse("10.0.0.100:80"))),
                "what a failed change reads back: the fake's listing, as ipvsadm prints it");

        ipvs.clearCalls();
        Shell.fake(ipvs, "ipvsadm", "-d", "-t", "10.0.0.100:80", "-r", "192.168.1.12:80");
        assertEquals(OcfStatus.NOT_RUNNING, director.monitor(T).status(), "a server deleted by hand is a drift");

        ipvs.clearCalls();
        assertEquals(OcfStatus.SUCCESS, director.stop(T).status());
        assertEquals(List.of("ipvsadm -C"), ipvs.calls(), "the checks stopped first, then the table was cleared");
        assertFalse(Files.exists(expected));
        assertEquals(List.of(), director.statusDetails().get("real_servers"));
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(List.of("ipvsadm -C"), ipvs.calls(), "no check and no change after stop");
    }

    @Test
    void aRulesFileThatNoLongerFitsTheChecksFailsTheStart() throws Exception {
        VirtualServiceSpec other = new VirtualServiceSpec(IpvsService.tcp(Endpoint.parse("10.0.0.100:443")),
                VirtualServiceSpec.OnFailure.QUIESCENT, null, CheckSpec.tcp(0), Map.of());
        OperationResult start = director(other).start(T);
        assertEquals(OcfStatus.ERR_CONFIGURED, start.status());
        assertTrue(start.output().contains("tcp 10.0.0.100:443 is not a virtual service in " + rules), start.output());
    }

    @Test
    void theMonitorFailsOnceIpvsadmCannotMakeTheChangesThreeTimesInARow() throws Exception {
        LvsDirectorResource director = director(RealServerCheckTest.service(VirtualServiceSpec.OnFailure.QUIESCENT, false));
        assertEquals(OcfStatus.SUCCESS, director.start(T).status());
        ipvs.broken();
        servers.fail(A);
        scheduler.advance(Duration.ofSeconds(15)); // A down: the -e fails, and again on B's result
        scheduler.advance(Duration.ofSeconds(5));
        OperationResult monitor = director.monitor(T);
        assertEquals(OcfStatus.ERR_GENERIC, monitor.status());
        assertTrue(monitor.output().startsWith("the real-server checks cannot change the IPVS table: ipvsadm failed"),
                monitor.output());
        assertTrue(monitor.output().contains("Can't initialize ipvs"), monitor.output());
        assertTrue(listener.changes.stream().allMatch(c -> c.startsWith("FAILED ")), listener.changes.toString());
    }

    /** Runs one of the fake tools directly, as an operator at the director would. */
    static final class Shell {
        static String fake(FakeIpvs ipvs, String tool, String... args) throws Exception {
            List<String> argv = new java.util.ArrayList<>(List.of(ipvs.bin.resolve(tool).toString()));
            argv.addAll(List.of(args));
            AgentProcess.Result r = new AgentProcess(Clock.system()).run(AgentProcess.Command.of(argv), T);
            assertEquals(0, r.exitCode(), r.combined());
            return r.stdout();
        }
    }
}
