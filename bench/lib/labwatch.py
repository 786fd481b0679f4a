#!/usr/bin/env python3
"""labwatch: the measuring helpers of Heartline's benchmarks (bench/failover, bench/soak, bench/footprint).

Subcommands
  serve NAME PORT
      A tiny TCP service for a node namespace: answers "NAME\\n" to every connection and closes.
      One thread, no fork per connection (socat with fork costs 10-20 % of a core at 100/s).

  watch --vip IP --port P --nodes NS_A,NS_B [--client NS] [--poll-ms 5] [--timeout-ms 250]
        [--sample-ms 10] --out FILE
      One process that
        * polls the VIP from the client namespace: a NEW connection is started every poll-ms,
          whatever the earlier ones are doing (several may be in flight), each with its own
          timeout, so the first answer from a new owner is seen within ~poll-ms of the moment
          the client could reach it; the client's ARP cache is never touched;
        * samples, every sample-ms, whether each node holds the VIP on eth0 and whether eth0 is
          up with carrier, through rtnetlink sockets opened inside each node namespace (no fork
          per sample).
      Lines written (time = Unix seconds, the same clock as bash's $EPOCHREALTIME):
        P T_START T_END RESULT       one poll: RESULT = the answer (node name), timeout, refused, err<N>
        H T A B CFG_A UP_A CFG_B UP_B  holders changed: A/B = 1 when the node holds the VIP on an up
                                       link (it can answer ARP for it); CFG = VIP configured; UP = link up
        G T GAP_MS                   the sampler ran late: GAP_MS between two samples (> 3 x sample-ms)
      Stops on SIGTERM/SIGINT.

  analyze --log FILE --t0 T --tend T --from-time T --old NAME --new NAME
      Prints one CSV fragment for one trial:
        outage_ms,client_gap_ms,old_answers_after,max_holders,two_holders_ms,sampler_max_gap_ms,b_held_ms
      outage_ms  = first answer from NEW completed at or after T0, minus T0 (empty: none before tend)
      client_gap_ms = longest stretch in [T0, first NEW answer] with no answer from anybody
      two_holders_ms = time in [from-time, tend] during which both nodes held the VIP on an up link
      b_held_ms  = time in [from-time, tend] during which node B (the second of --nodes) held it

  soakstats --log FILE --from-time T --to-time T
      Prints: vip_moves,two_holders_ms,sampler_max_gap_ms,holders_at_start,holders_at_end
      vip_moves = how many times a node started holding the VIP within the window
"""
import argparse
import ctypes
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import time

CLONE_NEWNET = 0x40000000

# rtnetlink constants
NLMSG_ERROR, NLMSG_DONE = 2, 3
RTM_NEWLINK, RTM_GETLINK, RTM_NEWADDR, RTM_GETADDR = 16, 18, 20, 22
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
IFA_ADDRESS, IFA_LOCAL = 1, 2
IFLA_IFNAME = 3
IFF_UP, IFF_LOWER_UP = 0x1, 0x10000


def setns(path_or_fd):
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path_or_fd, os.O_RDONLY) if isinstance(path_or_fd, str) else path_or_fd
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, "setns(%s): %s" % (path_or_fd, os.strerror(e)))
    finally:
        if isinstance(path_or_fd, str):
            os.close(fd)


class NodeProbe:
    """rtnetlink socket living in one node namespace: does the node hold VIP on IFNAME, is it up."""

    def __init__(self, ns, vip, ifname="eth0"):
        self.ns = ns
        self.vip = socket.inet_aton(vip)
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
        self.sock.bind((0, 0))
        self.seq = 0
        self.ifindex = None
        for mtype, payload in self._request(RTM_GETLINK, struct.pack("=BxHiII", 0, 0, 0, 0, 0), dump=True):
            if mtype != RTM_NEWLINK:
                continue
            _fam, _type, index, flags, _chg = struct.unpack_from("=BxHiII", payload)
            if self._attrs(payload[16:]).get(IFLA_IFNAME, b"").rstrip(b"\0") == ifname.encode():
                self.ifindex = index
        if self.ifindex is None:
            raise SystemExit("labwatch: no %s in namespace %s" % (ifname, ns))

    @staticmethod
    def _attrs(buf):
        out, off = {}, 0
        while off + 4 <= len(buf):
            alen, atype = struct.unpack_from("=HH", buf, off)
            if alen < 4:
                break
            out.setdefault(atype & 0x3FFF, buf[off + 4:off + alen])
            off += (alen + 3) & ~3
        return out

    def _request(self, mtype, body, dump):
        self.seq += 1
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else 0)
        self.sock.send(struct.pack("=IHHII", 16 + len(body), mtype, flags, self.seq, 0) + body)
        msgs = []
        while True:
            data = self.sock.recv(65536)
            off, done = 0, False
            while off + 16 <= len(data):
                mlen, rtype, _f, seq, _pid = struct.unpack_from("=IHHII", data, off)
                if mlen < 16:
                    break
                if seq == self.seq:
                    if rtype == NLMSG_DONE:
                        done = True
                    elif rtype == NLMSG_ERROR:
                        (err,) = struct.unpack_from("=i", data, off + 16)
                        if err:
                            raise OSError(-err, "netlink error in %s" % self.ns)
                        done = True
                    else:
                        msgs.append((rtype, data[off + 16:off + mlen]))
                        if not dump:
                            done = True
                off += (mlen + 3) & ~3
            if done:
                return msgs

    def sample(self):
        """(configured, link_up)"""
        up = False
        for mtype, payload in self._request(RTM_GETLINK, struct.pack("=BxHiII", 0, 0, self.ifindex, 0, 0), dump=False):
            if mtype == RTM_NEWLINK:
                flags = struct.unpack_from("=BxHiII", payload)[3]
                up = bool(flags & IFF_UP) and bool(flags & IFF_LOWER_UP)
        cfg = False
        for mtype, payload in self._request(RTM_GETADDR, struct.pack("=BBBBI", socket.AF_INET, 0, 0, 0, 0), dump=True):
            if mtype != RTM_NEWADDR:
                continue
            _fam, _plen, _fl, _scope, index = struct.unpack_from("=BBBBI", payload)
            if index != self.ifindex:
                continue
            a = self._attrs(payload[8:])
            if a.get(IFA_LOCAL, a.get(IFA_ADDRESS)) == self.vip:
                cfg = True
        return cfg, up


def cmd_serve(args):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", args.port))
    srv.listen(512)
    msg = (args.name + "\n").encode()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        try:
            c, _ = srv.accept()
        except InterruptedError:
            continue
        try:
            c.sendall(msg)
        except OSError:
            pass
        finally:
            c.close()


def cmd_watch(args):
    out = open(args.out, "a", buffering=1)
    probes = []
    for ns in args.nodes.split(","):
        setns("/run/netns/" + ns)
        probes.append(NodeProbe(ns, args.vip))
    if args.client:
        setns("/run/netns/" + args.client)   # every TCP socket from here on lives in the client namespace
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))

    sel = selectors.DefaultSelector()
    inflight = {}           # sock -> [t_start, deadline, phase, buf]
    poll_s, timeout_s, sample_s = args.poll_ms / 1000.0, args.timeout_ms / 1000.0, args.sample_ms / 1000.0
    now = time.time()
    next_poll = now if args.client else float("inf")
    next_sample = now
    last_sample = None
    last_h = None

    def finish(s, result):
        st = inflight.pop(s)
        try:
            sel.unregister(s)
        except (KeyError, ValueError):
            pass
        s.close()
        out.write("P %.6f %.6f %s\n" % (st[0], time.time(), result))

    while not stop:
        now = time.time()
        if now >= next_sample:
            if last_sample is not None and (now - last_sample) > 3 * sample_s:
                out.write("G %.6f %.1f\n" % (now, (now - last_sample) * 1000))
            last_sample = now
            vals = [p.sample() for p in probes]
            h = tuple(int(c and u) for c, u in vals) + tuple(x for c, u in vals for x in (int(c), int(u)))
            if h != last_h:
                out.write("H %.6f %s\n" % (now, " ".join(map(str, h))))
                last_h = h
            next_sample += sample_s
            if next_sample < now:
                next_sample = now + sample_s
        if now >= next_poll:
            next_poll += poll_s
            if next_poll < now:
                next_poll = now + poll_s
            if len(inflight) < args.max_inflight:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                t = time.time()
                rc = s.connect_ex((args.vip, args.port))
                inflight[s] = [t, t + timeout_s, "connect", b""]
                if rc in (0, errno.EINPROGRESS):
                    sel.register(s, selectors.EVENT_WRITE)
                else:
                    finish(s, "refused" if rc == errno.ECONNREFUSED else "err%d" % rc)
        # expire
        now = time.time()
        for s, st in list(inflight.items()):
            if now >= st[1]:
                finish(s, "timeout")
        wake = min(next_poll, next_sample, *(st[1] for st in inflight.values())) if inflight else min(next_poll, next_sample)
        for key, _ev in sel.select(max(0.0, wake - time.time())):
            s = key.fileobj
            st = inflight.get(s)
            if st is None:
                continue
            if st[2] == "connect":
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    finish(s, "refused" if err == errno.ECONNREFUSED else "err%d" % err)
                    continue
                st[2] = "read"
                sel.modify(s, selectors.EVENT_READ)
            else:
                try:
                    data = s.recv(256)
                except OSError as e:
                    finish(s, "err%d" % (e.errno or 0))
                    continue
                st[3] += data
                if not data or b"\n" in st[3]:
                    ans = st[3].split(b"\n")[0].decode(errors="replace").strip() or "empty"
                    finish(s, ans)
    out.close()


def cmd_analyze(args):
    polls, holders, gaps = [], [], []
    with open(args.log) as f:
        for line in f:
            p = line.split()
            if not p:
                continue
            if p[0] == "P" and len(p) == 4:
                polls.append((float(p[2]), p[3]))
            elif p[0] == "H" and len(p) >= 4:
                holders.append((float(p[1]), int(p[2]), int(p[3])))
            elif p[0] == "G":
                gaps.append((float(p[1]), float(p[2])))
    t0, tend, tfrom = args.t0, args.tend, args.from_time
    polls.sort()
    first_new = next((t for t, r in polls if t >= t0 and r == args.new and t <= tend), None)
    outage = "" if first_new is None else "%.1f" % ((first_new - t0) * 1000)
    # longest stretch with no answer at all between t0 and the first answer from the new owner
    end = first_new if first_new is not None else tend
    answered = [t for t, r in polls if t0 <= t <= end and r in (args.old, args.new)]
    prev, gap = t0, 0.0
    for t in answered + [end]:
        gap = max(gap, t - prev)
        prev = t
    old_after = sum(1 for t, r in polls if t0 <= t <= tend and r == args.old)
    # holders over [tfrom, tend]
    state, max_h, two, b_held = (0, 0), 0, 0.0, 0.0
    holders.sort()
    for t, a, b in holders:
        if t <= tfrom:
            state = (a, b)
    cur_t = tfrom
    max_h = sum(state)
    for t, a, b in holders:
        if t <= tfrom:
            continue
        if t > tend:
            break
        if state == (1, 1):
            two += t - cur_t
        if state[1] == 1:
            b_held += t - cur_t
        state, cur_t = (a, b), t
        max_h = max(max_h, a + b)
    if state == (1, 1):
        two += tend - cur_t
    if state[1] == 1:
        b_held += tend - cur_t
    gmax = max([g for t, g in gaps if tfrom <= t <= tend] or [0.0])
    print("%s,%.1f,%d,%d,%.1f,%.1f,%.1f" % (outage, gap * 1000, old_after, max_h, two * 1000, gmax, b_held * 1000))


def cmd_soakstats(args):
    holders, gaps = [], []
    with open(args.log) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "H" and len(p) >= 4:
                holders.append((float(p[1]), int(p[2]), int(p[3])))
            elif p and p[0] == "G":
                gaps.append((float(p[1]), float(p[2])))
    holders.sort()
    state = (0, 0)
    for t, a, b in holders:
        if t <= args.from_time:
            state = (a, b)
    start_state = state
    cur_t, moves, two = args.from_time, 0, 0.0
    for t, a, b in holders:
        if t <= args.from_time:
            continue
        if t > args.to_time:
            break
        if state == (1, 1):
            two += t - cur_t
        moves += int(a > state[0]) + int(b > state[1])   # a node started holding the VIP
        state, cur_t = (a, b), t
    if state == (1, 1):
        two += args.to_time - cur_t
    gmax = max([g for t, g in gaps if args.from_time <= t <= args.to_time] or [0.0])
    print("%d,%.1f,%.1f,%d%d,%d%d" % (moves, two * 1000, gmax, start_state[0], start_state[1], state[0], state[1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("name")
    s.add_argument("port", type=int)
    w = sub.add_parser("watch")
    w.add_argument("--vip", required=True)
    w.add_argument("--port", type=int, default=8080)
    w.add_argument("--nodes", required=True)
    w.add_argument("--client")
    w.add_argument("--poll-ms", type=float, default=5)
    w.add_argument("--timeout-ms", type=float, default=250)
    w.add_argument("--sample-ms", type=float, default=10)
    w.add_argument("--max-inflight", type=int, default=200)
    w.add_argument("--out", required=True)
    a = sub.add_parser("analyze")
    a.add_argument("--log", required=True)
    a.add_argument("--t0", type=float, required=True)
    a.add_argument("--tend", type=float, required=True)
    a.add_argument("--from-time", type=float, required=True)
    a.add_argument("--old", required=True)
    a.add_argument("--new", required=True)
    k = sub.add_parser("soakstats")
    k.add_argument("--log", required=True)
    k.add_argument("--from-time", type=float, required=True)
    k.add_argument("--to-time", type=float, required=True)
    args = ap.parse_args()
    {"serve": cmd_serve, "watch": cmd_watch, "analyze": cmd_analyze, "soakstats": cmd_soakstats}[args.cmd](args)


if __name__ == "__main__":
    main()
