#!/usr/bin/env python3
"""report: tables, CSV, markdown and the chart of bench/failover and bench/soak.

  report.py failover --run RUN.csv --out DIR   merge a run into DIR/results.csv (a run replaces the
                                               rows of the settings and faults it ran), print the
                                               tables and the ratios of Heartline's settings to
                                               keepalived's best setting of the run, write
                                               DIR/results.md and DIR/failover.png
  report.py soak --run SOAK.csv --out DIR      merge into DIR/soak.csv (a run replaces the rows of the settings
                                               and the workload it ran), print, write DIR/soak.md
  report.py stable --out DIR                   "stable fastest" from DIR/results.csv + DIR/soak.csv
"""
import argparse
import csv
import math
import os
import platform
import shutil
import subprocess
import sys
import time

ORDER = ["heartline-default", "heartline-fast", "heartline-nort-fast", "keepalived-v2-1s", "keepalived-v3-100ms",
         "keepalived-v3-50ms", "keepalived-v3-20ms", "keepalived-rt-v3-20ms", "keepalived-v3-10ms"]
DESCR = {
    "heartline-default": "Heartline, `include \"profiles/default.conf\"` (interval 200ms, deadtime 1s)",
    "heartline-fast": "Heartline, `include \"profiles/fast.conf\"` (interval 10ms, suspect-after 30ms, confirm-timeout 5ms, "
                      "deadtime 300ms, realtime-priority 20)",
    "heartline-nort-fast": "Heartline, the fast profile with `timing { realtime-priority = 0 }` after the include",
    "keepalived-v2-1s": "keepalived VRRPv2, advert_int 1",
    "keepalived-v3-100ms": "keepalived VRRPv3, advert_int 0.1",
    "keepalived-v3-50ms": "keepalived VRRPv3, advert_int 0.05",
    "keepalived-v3-20ms": "keepalived VRRPv3, advert_int 0.02",
    "keepalived-rt-v3-20ms": "keepalived VRRPv3, advert_int 0.02, vrrp_rt_priority 20",
    "keepalived-v3-10ms": "keepalived VRRPv3, advert_int 0.01",
}
ADVERT_S = {"keepalived-v2-1s": 1, "keepalived-v3-100ms": 0.1, "keepalived-v3-50ms": 0.05, "keepalived-v3-20ms": 0.02,
            "keepalived-rt-v3-20ms": 0.02, "keepalived-v3-10ms": 0.01}
OUTAGE_FAULTS = ["node-death", "daemon-crash"]
PAUSE_FAULTS = ["pause-100ms", "pause-200ms", "pause-300ms", "pause-2x-deadtime"]
FAULTS = OUTAGE_FAULTS + PAUSE_FAULTS


def order_key(s):
    return ORDER.index(s) if s in ORDER else len(ORDER)


def pct(sorted_vals, p):
    """nearest-rank percentile"""
    if not sorted_vals:
        return None
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


def read_csv(path):
    if not os.path.exists(path):
        return [], None
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        return list(r), r.fieldnames


def write_csv(path, rows, fields):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


def merge(out_csv, run_csv, keys):
    run, fields = read_csv(run_csv)
    old, _ = read_csv(out_csv)
    ran = {tuple(r[k] for k in keys) for r in run}
    rows = [r for r in old if tuple(r.get(k, "") for k in keys) not in ran] + run
    if fields:
        write_csv(out_csv, rows, fields)
    return rows


def fmt(v):
    return "-" if v is None else ("%.0f" % v)


def text_table(header, rows):
    w = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).rjust(w[i]) if i > 1 else str(x).ljust(w[i]) for i, x in enumerate(r))
    return "\n".join([line(header), line(["-" * n for n in w])] + [line(r) for r in rows])


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(out)


def environment():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:
            return ""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return {
        "kernel": platform.release(),
        "cores": str(os.cpu_count()),
        "keepalived": sh("keepalived --version 2>&1 | head -1"),
        "heartline": sh("git -C '%s' rev-parse --short HEAD 2>/dev/null" % root),
        "dist": next((time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(os.path.join(d, f))))
                      for d in [os.path.join(root, "dist/target/heartline/lib")] if os.path.isdir(d)
                      for f in sorted(os.listdir(d)) if f.startswith("hactl-")), "?"),
        "load": open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "",
    }


# ---------------------------------------------------------------- failover

def failover_stats(rows):
    """per (setting, fault): the outage figures (node death, daemon crash) or the takeovers (pauses)"""
    groups = {}
    for r in rows:
        groups.setdefault((r["setting"], r["fault"]), []).append(r)
    out = []
    for (s, f) in sorted(groups, key=lambda k: (order_key(k[0]), FAULTS.index(k[1]) if k[1] in FAULTS else 99)):
        g = groups[(s, f)]
        valid = [r for r in g if r.get("failed", "") in ("0", "1")]
        false_ff = sum(1 for r in g if r.get("false_failover") == "1")
        setup = len(g) - len(valid) - false_ff
        failed = sum(1 for r in valid if r["failed"] == "1")
        vals = sorted(float(r["outage_ms"]) for r in valid if r["failed"] == "0" and r["outage_ms"])
        gaps = sorted(float(r["client_gap_ms"]) for r in valid if r["failed"] == "0" and r.get("client_gap_ms"))
        two = sum(1 for r in valid if r.get("two_holders") == "1")
        two_ms = sorted(float(r["two_holders_ms"]) for r in valid if r.get("two_holders_ms"))
        paused = sorted(float(r["pause_ms"]) for r in valid if r.get("pause_ms"))
        retries = sum(max(0, int(r.get("setup_attempts") or 1) - 1) for r in g)
        out.append({
            "setting": s, "fault": f, "trials": len(valid), "failed": failed, "setup_errors": setup, "retries": retries,
            "false_ff": false_ff,
            "min": vals[0] if vals else None, "p50": pct(vals, 50), "p90": pct(vals, 90),
            "p99": pct(vals, 99), "max": vals[-1] if vals else None, "two": two,
            "two_max": two_ms[-1] if two_ms else None, "paused": pct(paused, 50),
            "takeovers": sum(1 for r in valid if r.get("takeover") == "1"),
            "gap_p50": pct(gaps, 50), "runs": sorted({r["run_id"] for r in g}),
        })
    return out


def is_pause(stat):
    return stat["fault"].startswith("pause-")


def outage_table(stats):
    header = ["setting", "fault", "trials", "failed", "false failovers", "min", "p50", "p90", "p99", "max", "two holders"]
    rows = [[s["setting"], s["fault"], s["trials"], s["failed"], s["false_ff"], fmt(s["min"]), fmt(s["p50"]), fmt(s["p90"]),
             fmt(s["p99"]), fmt(s["max"]), s["two"]] for s in stats if not is_pause(s)]
    return header, rows


def pause_table(stats):
    header = ["setting", "fault", "paused ms", "trials", "takeovers", "two holders", "two holders max ms", "false failovers"]
    rows = [[s["setting"], s["fault"], fmt(s["paused"]), s["trials"], s["takeovers"], s["two"], fmt(s["two_max"]), s["false_ff"]]
            for s in stats if is_pause(s)]
    return header, rows


def keepalived_best(stats):
    """keepalived's best setting among stats: lowest node-death p50, else lowest daemon-crash p50, else shortest adverts"""
    ka = [s for s in stats if s["setting"].startswith("keepalived")]
    for fault in OUTAGE_FAULTS:
        cands = sorted((s["p50"], order_key(s["setting"]), s["setting"]) for s in ka if s["fault"] == fault and s["p50"] is not None)
        if cands:
            return cands[0][2], "the lowest %s p50" % fault
    names = sorted({s["setting"] for s in ka}, key=lambda n: (ADVERT_S.get(n, 99), order_key(n)))
    return (names[0], "the shortest adverts: no outage fault ran") if names else (None, "")


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else "%.2f" % (a / b)


def ratios(stats):
    """Heartline's settings against keepalived's best setting of the same run: (text, markdown)"""
    best, why = keepalived_best(stats)
    if best is None:
        return "No keepalived setting in this run: no ratios.", ""
    by = {(s["setting"], s["fault"]): s for s in stats}
    pairs = [(s, by[(best, s["fault"])]) for s in stats if s["setting"].startswith("heartline") and (best, s["fault"]) in by]
    title = "Against keepalived's best setting measured in this run, `%s` (%s)" % (best, why)
    if not pairs:
        return title + ": no Heartline setting ran the same faults.", ""
    text, md = [title + ":"], [title + ":"]
    oh = ["setting", "fault", "p50", "ka p50", "p50 ratio", "p99", "ka p99", "p99 ratio", "failed", "ka failed"]
    orows = [[s["setting"], s["fault"], fmt(s["p50"]), fmt(k["p50"]), ratio(s["p50"], k["p50"]), fmt(s["p99"]), fmt(k["p99"]),
              ratio(s["p99"], k["p99"]), "%d/%d" % (s["failed"], s["trials"]), "%d/%d" % (k["failed"], k["trials"])]
             for s, k in pairs if not is_pause(s)]
    if orows:
        note = "outage in ms; ratio = Heartline / keepalived, below 1 is faster"
        text += ["", note, "", text_table(oh, orows)]
        md += ["", note + ":", "", md_table(oh, orows)]
    ph = ["setting", "fault", "takeovers", "ka takeovers", "two holders max ms", "ka two holders max ms"]
    prows = [[s["setting"], s["fault"], "%d/%d" % (s["takeovers"], s["trials"]), "%d/%d" % (k["takeovers"], k["trials"]),
              fmt(s["two_max"]), fmt(k["two_max"])] for s, k in pairs if is_pause(s)]
    if prows:
        note = "owner paused: trials with a takeover, and the longest time with two holders"
        text += ["", note, "", text_table(ph, prows)]
        md += ["", note + ":", "", md_table(ph, prows)]
    ff = [(s["setting"], s["false_ff"]) for s in stats if s["false_ff"]]
    if ff:
        line = "False failovers in this run's set-ups: " + ", ".join(
            "%s %d" % (n, sum(x["false_ff"] for x in stats if x["setting"] == n)) for n in sorted({n for n, _ in ff}, key=order_key))
        text += ["", line]
        md += ["", line]
    return "\n".join(text), "\n".join(md)


def chart(stats, out_dir):
    png = os.path.join(out_dir, "failover.png")
    tmp = os.path.join(out_dir, ".chart")
    os.makedirs(tmp, exist_ok=True)
    faults = [f for f in OUTAGE_FAULTS if any(s["fault"] == f for s in stats)]
    if not faults:
        return None
    for f in faults:
        with open(os.path.join(tmp, f + ".dat"), "w") as d:
            for s in stats:
                if s["fault"] == f and s["p50"] is not None:
                    d.write('"%s" %.1f %.1f %.1f %.1f\n' % (s["setting"].replace("keepalived", "ka").replace("heartline", "hl"),
                                                          s["min"], s["p50"], s["p90"], s["max"]))
    if shutil.which("gnuplot"):
        gp = ['set terminal pngcairo size 1400,620 font "sans,10"', 'set output "%s"' % png,
              'set multiplot layout 1,%d title "Client outage after the fault, from the fault to the first answer from the new owner (ms, log scale)"' % len(faults),
              "set style data histograms", "set style histogram clustered gap 1",
              "set style fill solid 0.85 border -1", "set logscale y", "set yrange [10:20000]",
              "set grid ytics", "set xtics rotate by -25 nomirror", "set key top right",
              "set ylabel 'ms'"]
        for f in faults:
            dat = os.path.join(tmp, f + ".dat")
            gp.append('set title "%s"' % f.replace("-", " "))
            gp.append('plot "%s" using 3:xtic(1) title "p50" lc rgb "#2b6cb0", "" using 4 title "p90" lc rgb "#ed8936", '
                      '"" using 5 title "max" lc rgb "#c53030", '
                      '"" using ($0-0.27):3:(sprintf("%%.0f",$3)) with labels offset 0,0.7 font ",8" notitle' % dat)
        gp.append("unset multiplot")
        r = subprocess.run(["gnuplot"], input="\n".join(gp), text=True, capture_output=True)
        if r.returncode != 0:
            print("chart: gnuplot failed: " + r.stderr.strip()[:500], file=sys.stderr)
            return None
        return png
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception:
        print("chart: neither gnuplot nor matplotlib: no PNG", file=sys.stderr)
        return None
    fig, axes = plt.subplots(1, len(faults), figsize=(14, 6.2), squeeze=False)
    for ax, f in zip(axes[0], faults):
        ss = [s for s in stats if s["fault"] == f and s["p50"] is not None]
        x = range(len(ss))
        for k, (key, col) in enumerate([("p50", "#2b6cb0"), ("p90", "#ed8936"), ("max", "#c53030")]):
            ax.bar([i + (k - 1) * 0.27 for i in x], [s[key] for s in ss], 0.27, label=key, color=col)
        ax.set_xticks(list(x))
        ax.set_xticklabels([s["setting"] for s in ss], rotation=25, ha="right")
        ax.set_yscale("log")
        ax.set_title(f)
        ax.legend()
    fig.suptitle("Client outage after the fault (ms, log scale)")
    fig.tight_layout()
    fig.savefig(png)
    return png


def cmd_failover(args):
    out_csv = os.path.join(args.out, "results.csv")
    rows = merge(out_csv, args.run, ("setting", "fault")) if args.run else read_csv(out_csv)[0]
    stats = failover_stats(rows)
    oh, orows = outage_table(stats)
    ph, prows = pause_table(stats)
    if orows:
        print("\nClient outage (ms): from the fault to the first answer from the new owner\n")
        print(text_table(oh, orows))
    if prows:
        print("\nOwner's daemon paused (SIGSTOP, then SIGCONT): trials in which node-b took over\n")
        print(text_table(ph, prows))
    notes = [s for s in stats if s["setup_errors"]]
    for s in notes:
        print("  (%s %s: %d trial(s) could not be set up and are not counted)" % (s["setting"], s["fault"], s["setup_errors"]))
    run_stats = failover_stats(read_csv(args.run)[0]) if args.run else stats
    ratio_text, ratio_md = ratios(run_stats)
    print("\n" + ratio_text)
    png = chart(stats, args.out)
    env = environment()
    md = ["# Failover benchmark: Heartline and keepalived", "",
          "Written by `bench/failover` on %s. Machine: Linux %s, %s cores, %s; Heartline commit %s (dist built %s); "
          "load average when the report was written: %s. Runs merged here: %s." % (
              time.strftime("%Y-%m-%d %H:%M"), env["kernel"], env["cores"], env["keepalived"], env["heartline"],
              env["dist"], env["load"], ", ".join(sorted({r for s in stats for r in s["runs"]}))), ""]
    if orows:
        md += ["Outage = from the fault to the first answer from the new owner as seen by the client (ms); "
               "percentiles are nearest-rank over the trials that failed over (with 20 trials p99 is the max). "
               "*failed* = no answer from the new owner within the bound. *false failovers* = trial set-ups in which "
               "node-b claimed or held the VIP before any fault (never repeated: the trial is lost and counted here). "
               "*two holders* = trials in which both nodes held the VIP on an up link at the same sample. "
               "*client gap p50* = the longest stretch without any answer (from either node) between the fault and the "
               "first answer from the new owner.", "",
               md_table(oh + ["client gap p50"], [t + [fmt(s["gap_p50"])] for t, s in
                                                  zip(orows, [x for x in stats if not is_pause(x)])]), ""]
    if prows:
        md += ["Pauses: the owner's daemon stopped (SIGSTOP of every process of it) for the time in the fault's name, "
               "then continued (SIGCONT); `pause-2x-deadtime` is twice the setting's deadtime (keepalived: its "
               "master-down interval). *paused ms* = the pause as it happened (p50). *takeovers* = trials in which "
               "node-b claimed the VIP (its log), held it (sampled) or answered the client. *two holders max ms* = the "
               "longest time both nodes held the VIP in one trial.", "",
               md_table(ph, prows), ""]
    md += [ratio_md or ratio_text, "", "Settings:", ""]
    md += ["- `%s`: %s" % (s, DESCR.get(s, s)) for s in ORDER if any(x["setting"] == s for x in stats)]
    md += ["", "Faults: `node-death` = the owner's daemon frozen (SIGSTOP), its eth0 set down, then the daemon killed (kill -9); "
           "`daemon-crash` = kill -9 of the owner's daemon only (for keepalived its VRRP child and parent), link up; "
           "`pause-*` = SIGSTOP of the owner's daemon, then SIGCONT.", ""]
    flapped = [s for s in stats if s["false_ff"]]
    if flapped:
        md += ["False failovers in the set-up (node-b took the VIP from a serving node-a; logs in logs/RUN/*-setup/): " +
               ", ".join("%s %s: %d" % (s["setting"], s["fault"], s["false_ff"]) for s in flapped), ""]
    retried = [s for s in stats if s["retries"]]
    if retried:
        md += ["Repeated set-ups in rows from runs before set-ups stopped being repeated: " +
               ", ".join("%s %s: %d" % (s["setting"], s["fault"], s["retries"]) for s in retried), ""]
    if notes:
        md += ["Setup errors (trials not counted): " + ", ".join("%s %s: %d" % (s["setting"], s["fault"], s["setup_errors"]) for s in notes), ""]
    if png:
        md += ["![chart](failover.png)", ""]
    stable = stable_fastest(args.out)
    if stable:
        md += ["## Stable fastest", "", stable, ""]
        print("\n" + stable)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(md))
    print("\nwritten: %s, %s%s" % (out_csv, os.path.join(args.out, "results.md"), (", " + png) if png else ""))


# ---------------------------------------------------------------- soak

def cmd_soak(args):
    out_csv = os.path.join(args.out, "soak.csv")
    rows = merge(out_csv, args.run, ("setting", "workload")) if args.run else read_csv(out_csv)[0]
    rows.sort(key=lambda r: (r.get("workload") or "stress-ng", order_key(r["setting"])))
    header = ["setting", "workload", "duration s", "false failovers", "of them in the set-up", "VIP moves seen",
              "daemon-reported", "two holders ms", "sampler max gap ms", "cpu busy %", "notes"]
    table = [[r["setting"], r.get("workload") or "stress-ng", r["duration_s"], r["false_failovers"],
              r.get("setup_false_failovers") or "-", r["vip_moves"], r["daemon_reported"], r["two_holders_ms"],
              r["sampler_max_gap_ms"], r["cpu_busy_pct"], r.get("notes", "")] for r in rows]
    print("\nSoak: false failovers while nothing failed, under load\n")
    print(text_table(header, table))
    env = environment()
    loads = sorted({"`%s`: %s" % (r.get("workload") or "stress-ng", r.get("load", "")) for r in rows})
    md = ["# Soak: false failovers under load", "",
          "Written by `bench/soak` on %s. Machine: Linux %s, %s cores, %s; Heartline commit %s. Runs: %s." % (
              time.strftime("%Y-%m-%d %H:%M"), env["kernel"], env["cores"], env["keepalived"], env["heartline"],
              ", ".join(sorted({r["run_id"] for r in rows}))), "",
          "All pairs of a run ran at the same time, each in its own lab, idle (nothing failed) under one workload "
          "(%s). *false failovers* = the larger of *VIP moves seen* (times a node started holding the VIP, sampled "
          "every few ms) and *daemon-reported* (keepalived: MASTER transitions after the first; Heartline: the "
          "larger of the epoch increments seen by `hactl status` and the claims in the daemons' logs), plus the "
          "set-ups in which node-b took the VIP from a serving node-a before the soak began (*of them in the "
          "set-up*; such a set-up is repeated only to get the pair up)." % "; ".join(loads), "",
          md_table(header, table), ""]
    stable = stable_fastest(args.out)
    if stable:
        md += ["## Stable fastest", "", stable, ""]
        print("\n" + stable)
    with open(os.path.join(args.out, "soak.md"), "w") as f:
        f.write("\n".join(md))
    print("\nwritten: %s, %s" % (out_csv, os.path.join(args.out, "soak.md")))


def stable_fastest(out_dir):
    """each system's fastest setting (p50 node-death outage) with 0 false failovers: in every soak (each
    workload) and in the set-ups of bench/failover's trials"""
    res, _ = read_csv(os.path.join(out_dir, "results.csv"))
    soak, _ = read_csv(os.path.join(out_dir, "soak.csv"))
    if not res or not soak:
        return ""
    all_stats = failover_stats(res)
    stats = {(s["setting"], s["fault"]): s for s in all_stats}
    soaked = {}
    for r in soak:
        soaked.setdefault(r["setting"], []).append(r)
    lines = ["Fastest setting of each system with 0 false failovers, by p50 outage on node death (from results.csv "
             "and soak.csv; false failovers = the soaks' (every workload) plus the trial set-ups' of bench/failover):", ""]
    for system in ("heartline", "keepalived"):
        cands = []
        for s in ORDER:
            if not s.startswith(system) or s not in soaked:
                continue
            st = stats.get((s, "node-death"))
            if st is None or st["p50"] is None:
                continue
            ff = sum(int(r["false_failovers"] or 0) for r in soaked[s]) + sum(x["false_ff"] for x in all_stats if x["setting"] == s)
            soak_s = "+".join("%s s %s" % (r["duration_s"], r.get("workload") or "stress-ng") for r in soaked[s])
            cands.append((st["p50"], s, st, ff, soak_s))
        stable = sorted((c for c in cands if c[3] == 0), key=lambda c: (c[0], order_key(c[1])))
        unstable = ", ".join("%s (%d false failovers)" % (c[1], c[3]) for c in sorted(cands, key=lambda c: c[0]) if c[3] != 0)
        if stable:
            p50, s, st, _ff, soak_s = stable[0]
            lines.append("- **%s**: `%s`: node death p50 %s ms, p90 %s ms, max %s ms (%d trials); 0 false failovers (soaks: %s)%s" % (
                system, s, fmt(st["p50"]), fmt(st["p90"]), fmt(st["max"]), st["trials"], soak_s,
                ("; not stable: " + unstable) if unstable else ""))
        elif cands:
            lines.append("- **%s**: no setting both benchmarked and soaked was free of false failovers (%s)" % (system, unstable))
        else:
            lines.append("- **%s**: no setting was both benchmarked and soaked" % system)
    return "\n".join(lines)


def cmd_stable(args):
    s = stable_fastest(args.out)
    print(s or "stable fastest: needs both %s and %s" % (os.path.join(args.out, "results.csv"), os.path.join(args.out, "soak.csv")))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("failover", "soak", "stable"):
        p = sub.add_parser(name)
        p.add_argument("--out", required=True)
        if name != "stable":
            p.add_argument("--run")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    {"failover": cmd_failover, "soak": cmd_soak, "stable": cmd_stable}[args.cmd](args)


if __name__ == "__main__":
    main()
