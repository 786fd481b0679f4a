package io.heartline.takeover;

import io.heartline.core.config.VipConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback when JNA cannot load: runs {@code ip addr add|del|show} (~3 ms a call, up to
 * ~45 ms on a cold first call). Every run has a timeout; stderr goes into the error message.
 * Output goes through temporary files, so a chatty {@code ip} can never block on a full pipe.
 */
public final class IpCommandAddressManager implements AddressManager {
    /** How long one {@code ip} run may take before it is killed and the call fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(IpCommandAddressManager.class);

    private final String ip;
    private final Duration timeout;

    public IpCommandAddressManager() {
        this("ip", DEFAULT_TIMEOUT);
    }

    /** @param ip the {@code ip} executable (a name on the PATH or an absolute path) */
    public IpCommandAddressManager(String ip, Duration timeout) {
        this.ip = ip;
        this.timeout = timeout;
    }

    @Override
    public void add(VipConfig vip) throws TakeoverException {
        String what = "cannot add " + vip;
        List<String> args = new ArrayList<>(List.of("addr", "add", vip.cidr(), "dev", vip.iface()));
        args.addAll(vip.isIpv4() ? List.of("brd", "+") : List.of("nodad"));
        Result r = run(what, args);
        // ip's wording differs between versions: judge a failure by what is configured now
        if (r.ok() || !IpCommandOutput.noSuchDevice(r.stderr()) && prefixOf(vip).isPresent()) {
            return;
        }
        throw failure(what, vip, r);
    }

    @Override
    public boolean remove(VipConfig vip) throws TakeoverException {
        String what = "cannot remove " + vip;
        Result r = run(what, List.of("addr", "del", vip.cidr(), "dev", vip.iface()));
        if (r.ok()) {
            return true;
        }
        if (IpCommandOutput.noSuchDevice(r.stderr())) {
            throw failure(what, vip, r);
        }
        OptionalInt configured = prefixOf(vip);
        if (configured.isEmpty()) {
            return false;
        }
        if (configured.getAsInt() == vip.prefixLength()) {
            throw failure(what, vip, r);
        }
        log.warn("{} is configured as /{}, not /{}: removing it anyway", vip, configured.getAsInt(), vip.prefixLength());
        String cidr = vip.address().getHostAddress() + "/" + configured.getAsInt();
        r = run(what, List.of("addr", "del", cidr, "dev", vip.iface()));
        if (!r.ok() && prefixOf(vip).isPresent()) {
            throw failure(what, vip, r);
        }
        return r.ok();
    }

    @Override
    public boolean isPresent(VipConfig vip) throws TakeoverException {
        return prefixOf(vip).isPresent();
    }

    private OptionalInt prefixOf(VipConfig vip) throws TakeoverException {
        String what = "cannot look for " + vip;
        Result r = run(what, List.of("-o", vip.isIpv4() ? "-4" : "-6", "addr", "show", "dev", vip.iface()));
        if (!r.ok()) {
            throw failure(what, vip, r);
        }
        return IpCommandOutput.prefixOf(r.stdout(), vip.address());
    }

    private TakeoverException failure(String what, VipConfig vip, Result r) {
        String reason = IpCommandOutput.noSuchDevice(r.stderr())
                ? "no such interface '" + vip.iface() + "'"
                : "ip exited with " + r.exitCode();
        return new TakeoverException(what + ": " + reason + ": " + r.stderr().strip());
    }

    private Result run(String what, List<String> args) throws TakeoverException {
        List<String> command = new ArrayList<>();
        command.add(ip);
        command.addAll(args);
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("heartline-ip", ".out");
            err = Files.createTempFile("heartline-ip", ".err");
            p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TakeoverException(what + ": '" + String.join(" ", command)
                        + "' did not finish within " + timeout.toMillis() + " ms");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TakeoverException(what + ": cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new TakeoverException(what + ": interrupted while running '" + String.join(" ", command) + "'", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", path, e.toString());
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }
}
