/*
 * The Heartline ownership protocol for one resource group, as ha-membership's decider runs it.
 * Read docs/model.md first: what is modelled, what is abstracted away, the properties, results.
 *
 * Configurations (spin -D...):
 *   N        nodes, 2 or 3 (node 0 is the most preferred, then 1, then 2)
 *   FENCING  1: claim only after every silent peer is fenced (powered off)
 *   FIX      1: the rules of the fixed decider (a minority owner releases; the majority claims
 *            only after the release window, counted from the later of a silent peer's last
 *            beacon and the moment quorum came back); 0: the decider before the model was written;
 *            2 (the Java decider now): FIX=1 plus STALE_ADVERT (a beacon overtaken by a newer one
 *            teaches nothing) and FRESH_VIEW (a node claims, and ends INIT, only once it has heard
 *            every live peer twice since its candidacy began: start, online, or the peer came alive)
 *            3 (the Java decider with heard sets): FIX=2 plus beacons that carry the peers the
 *            sender holds alive; MUTUAL_QUORUM (a peer counts towards quorum only if its newest
 *            beacon lists this node) and CLAIM_AGREED (a silent owner's group is claimed only if no
 *            peer of the quorum lists the owner, and the release window also counts from the last
 *            beacon that listed it)
 *   LINKCUTS 0: partitions cut one node off from all only (majority/minority); 1 (default): a
 *            single link may be cut too (with 3 nodes: a non-transitive view, see docs/model.md)
 *   FLAPS    0: a heal lasts at least one tick (every pair exchanges a beacon) before the next
 *            cut; 1 (default): a cut may come back within the tick, so a heal's beacons may get
 *            through one way only, which is a one-way partition (see docs/model.md)
 *
 * Time is discrete: one tick is one beacon interval. Deadtime D ticks, release window W ticks.
 * Every model action that a decider rule implements is named in capitals (e.g. CLAIM_ORPHAN);
 * the Java rule carries a one-line comment with the same name.
 */
#ifndef N
#define N 2
#endif
#ifndef FENCING
#define FENCING 0
#endif
#ifndef FIX
#define FIX 0
#endif
#ifndef LINKCUTS
#define LINKCUTS 1
#endif
#ifndef FLAPS
#define FLAPS 1
#endif

#ifndef DETECT
#define DETECT 0
#endif

#define D 2               /* deadtime, in ticks */
#define W 2               /* release window (3+ nodes, fencing off): the majority claims at D+W */
#define SILCAP (D+W)      /* silence counters stop here */
#define INITD (2*D)       /* initdead */
#define MAXE 3            /* epochs are bounded: a claim past MAXE cuts the run (capped) */
#define NONE 3            /* no owner */

/* group states, as io.heartline.core.GroupState */
#define INIT 0
#define STANDBY 1
#define STARTING 2
#define ACTIVE 3
#define RELEASING 4
#define FAULT 5
#define OFFLINE 6
#define HOLDS(s) ((s) == STARTING || (s) == ACTIVE || (s) == RELEASING)

/* fault budgets of the environment (the nemesis) */
#ifndef CRASHES
#define CRASHES 1
#endif
#ifndef PAUSES
#define PAUSES 1
#endif
#ifndef CUTS
#define CUTS 2
#endif
#ifndef STALES
#define STALES 1
#endif
#ifndef OPS
#define OPS 1
#endif
#ifndef FENCEFAILS
#define FENCEFAILS 1
#endif

#define V(i, j) ((i) * N + (j))   /* i's view of peer j */

/* ---- each node: daemon, memory, disk ---- */
bit up[N];          /* the daemon runs */
bit paused[N];      /* SIGSTOP, GC, frozen VM: takes no steps, its VIP stays */
bit sby[N];         /* hactl standby */
byte st[N];         /* group state */
bit vip[N];         /* the VIP is configured on this host (survives a daemon crash) */
byte te[N];         /* term in memory: epoch, owner */
byte tow[N];
byte de[N];         /* term on disk */
byte dow[N];
byte age[N];        /* ticks since start, up to INITD */
byte rel[N];        /* release under way or wanted: 0 none, 1 lost to a newer owner, 2 hand over, 3 no quorum */
byte rtgt[N];       /* hand over to */
byte woke[N];       /* ticks since it resumed from a pause (0: not recently) */
byte qs[N];         /* ticks since quorum came back after a loss (SILCAP: not lost since start) */

/* ---- i's view of peer j, at V(i, j) ---- */
bit al[N * N];      /* alive */
bit hv[N * N];      /* heard since start */
byte sil[N * N];    /* ticks of silence (since start when never heard) */
byte ae[N * N];     /* its last advert: epoch and state */
byte as[N * N];
byte fst[N * N];    /* fencing it: 0 none, 1 running, 2 fenced */
bit cur[N * N];     /* i holds j's current advert (a beacon sent after j's last change) */
byte fresh[N * N];     /* beacons with news from j since i's candidacy began or j came alive, up to 2 */

#if FIX >= 3
bit lst[N * N * N]; /* i's copy of the heard set of j's newest beacon: does it list k? at V(i, j) * N + k */
byte vsil[N * N];   /* ticks since i heard j or got a beacon of another peer that listed j (since start
                     * if neither): Quorum.silentSince, the later of lastHeard and vouchedAt */
#endif

/* ---- the network ---- */
bit conn[N * N];    /* j's beacons reach i (cuts are symmetric) */
bit got[N * N];     /* i had j's beacon this tick */
byte pe[N];         /* each node's previous advert: a late, reordered beacon */
byte po[N];
byte ps[N];

/* ---- the nemesis ---- */
byte crashes = CRASHES;
byte pauses = PAUSES;
byte cuts = CUTS;
byte stales = STALES;
byte ops = OPS;
byte fencefails = FENCEFAILS;
bit quiet;          /* faults are over: cuts healed, nodes resumed and restarted */
bit capped;
bit tk;             /* the last step was a tick (liveness counts only runs in which time passes) */         /* an epoch past MAXE was needed: the run is cut short */
bit mended;         /* healed since the last tick (FLAPS=0: no cut until the next tick) */
byte sinceApart;    /* ticks since the last cut healed or pause ended (2 nodes, fencing off) */

/* scratch for the inlines */
hidden byte cand;          /* best candidate */
hidden byte orphan;
hidden byte ok;
hidden byte k;
hidden byte kk;
hidden byte alive;
hidden byte oe;            /* advert before the step */
hidden byte oo;
hidden byte os;

/* ---------------------------------------------------------------- helpers */

/* Candidates.ranked: the best candidate for the group in i's view (NONE if none). */
inline best(bn, bx) {
    cand = NONE;
    for (k : 0 .. N - 1) {
        if
        :: cand == NONE && k != bx && k == bn && !sby[bn] && st[bn] != FAULT && st[bn] != OFFLINE -> cand = k
        :: cand == NONE && k != bx && k != bn && al[V(bn, k)] && as[V(bn, k)] != FAULT && as[V(bn, k)] != OFFLINE -> cand = k
        :: else -> skip
        fi
    }
}

/* ClusterState.heard: whom j lists in its beacons, the peers it does not hold dead: alive ones,
 * and in its first deadtime since its start the ones it has not heard yet. */
#define LISTS(lj, lk) ((lk) != (lj) && (al[V(lj, lk)] || (!hv[V(lj, lk)] && age[lj] < D)))

/* Quorum.has: two nodes always; three need a majority alive (FIX=3: and listing this node,
 * MUTUAL_QUORUM). */
inline quorum(qn) {
    alive = 1;
    for (k : 0 .. N - 1) {
        if
#if FIX >= 3
        :: k != qn && al[V(qn, k)] && lst[V(qn, k) * N + qn] -> alive++      /* MUTUAL_QUORUM */
#else
        :: k != qn && al[V(qn, k)] -> alive++
#endif
        :: else -> skip
        fi
    }
    ok = (N <= 2 || alive * 2 > N)
}

/* OwnershipRules.freshView: every live peer heard twice since i's candidacy began or it came alive. */
#define FRESH2(fi, fk) ((fk) == (fi) || !al[V(fi, fk)] || fresh[V(fi, fk)] >= 2)
#if N > 2
#define freshview(fi) (FRESH2(fi, 0) && FRESH2(fi, 1) && FRESH2(fi, 2))
#else
#define freshview(fi) (FRESH2(fi, 0) && FRESH2(fi, 1))
#endif

/* Step.setTerm: every change of term is on disk before anything acts on it. */
inline setTerm(sn, se, so) {
    assert(se >= te[sn]);            /* epochs never decrease */
    te[sn] = se;
    tow[sn] = so;
    de[sn] = se;                     /* PERSIST */
    dow[sn] = so
}

/* OwnershipRules.claim: persist the term, then start (the VIP goes up with the start). */
inline claim(cn, ce) {
    if
    :: ce > MAXE -> capped = 1
    :: else ->
        setTerm(cn, ce, cn);
        if
        :: st[cn] == INIT || st[cn] == STANDBY -> st[cn] = STARTING; vip[cn] = 1
        :: else -> skip
        fi
    fi
}

/* OwnershipRules.release: now when ACTIVE; while STARTING, once the start is done. */
inline release(rn, rr, rt) {
    if
    :: st[rn] == STARTING -> rel[rn] = rr; rtgt[rn] = rt
    :: st[rn] == ACTIVE -> rel[rn] = rr; rtgt[rn] = rt; st[rn] = RELEASING
    :: else -> skip
    fi
}

/* OwnershipRules.orphanReason != null */
inline orphaned(on) {
    if
    :: tow[on] == NONE -> orphan = 1
    :: tow[on] == on -> orphan = !(HOLDS(st[on]) || st[on] == FAULT)
    :: else ->
        if
        :: !al[V(on, tow[on])] -> orphan = 1
        :: else -> orphan = !(ae[V(on, tow[on])] < te[on] || HOLDS(as[V(on, tow[on])]) || as[V(on, tow[on])] == FAULT)
        fi
    fi
}

/* Fencing.advance for every silent peer; ok once all are fenced. The less preferred node waits
 * its fence delay (W more ticks of silence), so the preferred node wins a fence race. */
inline fenceSilent(fn, fh) {
    ok = 1;
    for (k : 0 .. N - 1) {
        if
        :: k != fn && !al[V(fn, k)] && (!fh || hv[V(fn, k)]) ->
            if
            :: fst[V(fn, k)] == 2 -> skip
            :: fst[V(fn, k)] == 0 && (fn == 0 || sil[V(fn, k)] >= D + W) -> fst[V(fn, k)] = 1; ok = 0   /* FENCE */
            :: else -> ok = 0
            fi
        :: else -> skip
        fi
    }
}

/* ---------------------------------------------------------------- the decider */

/* Decider.reconcile after every event. */
inline reconcile(n) {
    /* END_INIT: initdead over, or every peer heard */
    if
    :: st[n] == INIT ->
        ok = 1;
        for (k : 0 .. N - 1) {
            if
            :: k != n && !al[V(n, k)] -> ok = 0
            :: k != n && FIX >= 2 && fresh[V(n, k)] < 2 -> ok = 0      /* FRESH_VIEW */
            :: else -> skip
            fi
        }
        if
        :: ok || age[n] >= INITD -> st[n] = STANDBY
        :: else -> skip
        fi
    :: else -> skip
    fi;
    /* STANDBY_MODE: Modes.settle */
    if
    :: sby[n] && st[n] == STANDBY -> st[n] = OFFLINE
    :: !sby[n] && st[n] == OFFLINE -> st[n] = STANDBY
    :: else -> skip
    fi;
#if FIX >= 1
    /* RELEASE_NO_QUORUM: an owner in a minority stops its group (no-quorum-policy=stop); the
     * term stays its own and the group goes to STANDBY (not FAULT: nothing failed) */
    quorum(n);
    if
    :: !ok && (st[n] == ACTIVE || st[n] == STARTING) && rel[n] == 0 -> release(n, 3, NONE)
    :: else -> skip
    fi;
    /* Quorum.watch: the release window counts from the moment quorum came back (after INIT) */
    if
    :: !ok && st[n] != INIT -> qs[n] = 0
    :: else -> skip
    fi;
#endif
    /* CLAIM_ORPHAN: OwnershipRules.claimIfOrphaned */
    if
    :: st[n] == STANDBY ->
        orphaned(n);
        best(n, NONE);
        ok = 1;
        for (k : 0 .. N - 1) {
            if
            :: k != n && al[V(n, k)] && HOLDS(as[V(n, k)]) -> ok = 0     /* never claim beside a holder */
            :: k != n && al[V(n, k)] && FIX >= 2 && fresh[V(n, k)] < 2 -> ok = 0   /* FRESH_VIEW */
            :: else -> skip
            fi
        }
        if
        :: orphan && cand == n && ok ->
            quorum(n);
            if
            :: ok ->
#if FIX >= 1
                /* CLAIM_AFTER_WINDOW: 3+ nodes, no fencing: every silent peer (perhaps a minority owner)
                 * had W ticks past deadtime to release, and quorum has been back as long */
                if
                :: !FENCING && N > 2 ->
                    if
                    :: qs[n] < D + W -> ok = 0
                    :: else -> skip
                    fi;
                    for (k : 0 .. N - 1) {
                        if
                        :: k != n && !al[V(n, k)] && sil[V(n, k)] < D + W -> ok = 0
#if FIX >= 3
                        /* CLAIM_AGREED: and W ticks past deadtime since a beacon last listed it (or it was heard) */
                        :: k != n && !al[V(n, k)] && vsil[V(n, k)] < D + W -> ok = 0
#endif
                        :: else -> skip
                        fi
                    }
#if FIX >= 3
                    /* CLAIM_AGREED: no peer of the quorum lists the silent owner as heard */
                    if
                    :: tow[n] != NONE && tow[n] != n && !al[V(n, tow[n])] ->
                        for (k : 0 .. N - 1) {
                            if
                            :: k != n && al[V(n, k)] && lst[V(n, k) * N + n] && lst[V(n, k) * N + tow[n]] -> ok = 0
                            :: else -> skip
                            fi
                        }
                    :: else -> skip
                    fi;
#endif
                :: else -> skip
                fi;
#endif
                if
                :: ok && FENCING -> fenceSilent(n, 0)
                :: else -> skip
                fi;
                if
                :: ok -> claim(n, te[n] + 1)
                :: else -> skip
                fi
            :: else -> skip
            fi
        :: else -> skip
        fi
    :: else -> skip
    fi;
    /* FENCE_PROTECT: Fencing.protect, a holder fences the peers it lost */
    if
    :: FENCING && HOLDS(st[n]) -> fenceSilent(n, 1)
    :: else -> skip
    fi
}

/* A beacon that proves j alive but was overtaken by one i already has (STALE_ADVERT, FIX=2). */
inline proveAlive(hn, hj) {
    al[V(hn, hj)] = 1;
    hv[V(hn, hj)] = 1;
    sil[V(hn, hj)] = 0;
#if FIX >= 3
    vsil[V(hn, hj)] = 0;
#endif
    if
    :: fst[V(hn, hj)] != 1 -> fst[V(hn, hj)] = 0    /* FENCE_CANCEL: heard again */
    :: else -> skip
    fi
}

#if FIX >= 3
/* Decider.beacon: i keeps the heard set of j's current beacon; every peer it lists (but i and j)
 * was vouched for now (CLAIM_AGREED). A late beacon's set is not modelled: STALES=0 with FIX=3. */
inline learnList(ln, lj) {
    for (k : 0 .. N - 1) {
        lst[V(ln, lj) * N + k] = LISTS(lj, k);
        if
        :: k != ln && k != lj && LISTS(lj, k) -> vsil[V(ln, k)] = 0
        :: else -> skip
        fi
    }
}
#endif

/* Decider.beacon + OwnershipRules.learn: i hears j's advert (e, o, s). */
inline hear(hn, hj, he, ho, hs) {
    if
    :: !al[V(hn, hj)] -> fresh[V(hn, hj)] = 1
    :: al[V(hn, hj)] && fresh[V(hn, hj)] < 2 -> fresh[V(hn, hj)]++
    :: else -> skip
    fi;
    proveAlive(hn, hj);
    ae[V(hn, hj)] = he;
    as[V(hn, hj)] = hs;
    if
    :: he > te[hn] && ho == NONE && HOLDS(st[hn]) ->
        /* TERM_ADVANCE: an ownerless newer term does not unseat a running owner */
        if
        :: he + 1 > MAXE -> capped = 1
        :: else -> setTerm(hn, he + 1, hn)
        fi
    :: he > te[hn] && FIX >= 2 && ho == hn && !HOLDS(st[hn]) && !freshview(hn) ->
        skip    /* FRESH_VIEW: a handoff is taken from a fresh view only */
    :: he > te[hn] && !(ho == NONE && HOLDS(st[hn])) && !(FIX >= 2 && ho == hn && !HOLDS(st[hn]) && !freshview(hn)) ->
        setTerm(hn, he, ho);
        if
        :: ho == hn && !HOLDS(st[hn]) -> claim(hn, he)              /* CLAIM_HANDED */
        :: ho != hn && HOLDS(st[hn]) -> release(hn, 1, NONE)       /* RELEASE_NEWER */
        :: else -> skip
        fi
    :: he == te[hn] && ho != tow[hn] && ho != NONE ->
        /* SAME_EPOCH: two owners of one epoch, the preferred one keeps it */
        if
        :: tow[hn] == hn && HOLDS(st[hn]) ->
            if
            :: ho == hj && HOLDS(hs) && hj < hn -> setTerm(hn, he, hj); release(hn, 1, NONE)
            :: else -> skip
            fi
        :: !(tow[hn] == hn && HOLDS(st[hn])) && (tow[hn] == NONE || (ho == hj && HOLDS(hs)) || ho < tow[hn]) -> setTerm(hn, he, ho)
        :: else -> skip
        fi
    :: else -> skip
    fi;
    reconcile(hn)
}

/* GroupStarted ok: STARTING -> ACTIVE, then a release wanted meanwhile. */
inline started(tn) {
    st[tn] = ACTIVE;
    if
    :: rel[tn] != 0 -> st[tn] = RELEASING
    :: else -> skip
    fi;
    reconcile(tn)
}

/* GroupStopped ok: the VIP is gone; a handover ends the term (epoch + 1, target). */
inline stopped(pn) {
    vip[pn] = 0;
    if
    :: rel[pn] == 2 ->
        if
        :: te[pn] + 1 > MAXE -> capped = 1
        :: else -> setTerm(pn, te[pn] + 1, rtgt[pn])
        fi
    :: else -> skip
    fi;
    if
    :: rel[pn] == 1 && FENCING -> st[pn] = FAULT     /* lost to a newer owner with fencing on: stays down */
    :: else -> st[pn] = STANDBY
    fi;
    rel[pn] = 0;
    reconcile(pn)
}

/* Liveness.tick: silence grows, peers die at deadtime. */
inline tick(kn) {
    for (k : 0 .. N - 1) {
        if
        :: k != kn ->
            if
            :: sil[V(kn, k)] < SILCAP -> sil[V(kn, k)]++
            :: else -> skip
            fi;
            if
            :: al[V(kn, k)] && sil[V(kn, k)] >= D -> al[V(kn, k)] = 0; fresh[V(kn, k)] = 0      /* PEER_DEAD */
#if DETECT
            /* DEAD_PORT_CLOSED, DEAD_NO_KERNEL: the two-stage detector may confirm a death at any
             * silence from suspect-after on (one tick here), before deadtime, or not at all; but only
             * of a peer whose daemon is gone (its port closed, or the node off) or that no kernel
             * answer can reach (the link is cut). A paused peer's kernel answers: SLOW, deadtime. */
            :: al[V(kn, k)] && sil[V(kn, k)] >= 1 && sil[V(kn, k)] < D && (!up[k] || !conn[V(kn, k)]) ->
                al[V(kn, k)] = 0; fresh[V(kn, k)] = 0
            :: !(al[V(kn, k)] && sil[V(kn, k)] >= D) -> skip
#else
            :: else -> skip
#endif
            fi;
#if FIX >= 3
            if
            :: vsil[V(kn, k)] < SILCAP -> vsil[V(kn, k)]++
            :: else -> skip
            fi;
#endif
            skip
        :: else -> skip
        fi
    }
    if
    :: age[kn] < INITD -> age[kn]++
    :: else -> skip
    fi;
    if
    :: qs[kn] < SILCAP -> qs[kn]++
    :: else -> skip
    fi;
    reconcile(kn)
}

/* A daemon (re)starts: the term from disk, nothing heard, every stale VIP removed. */
inline boot(un) {
    up[un] = 1;
    paused[un] = 0;
    st[un] = INIT;
    vip[un] = 0;
    te[un] = de[un];
    tow[un] = dow[un];
    age[un] = 0;
    rel[un] = 0;
    woke[un] = 0;
    qs[un] = SILCAP;
    for (k : 0 .. N - 1) {
        al[V(un, k)] = 0;
        hv[V(un, k)] = 0;
        sil[V(un, k)] = 0;
        ae[V(un, k)] = 0;
        as[V(un, k)] = INIT;
        fst[V(un, k)] = 0;
        cur[V(un, k)] = 0;
        fresh[V(un, k)] = 0;
#if FIX >= 3
        vsil[V(un, k)] = 0;
        for (kk : 0 .. N - 1) {
            lst[V(un, k) * N + kk] = 0
        }
#endif
        cur[V(k, un)] = 0           /* a new incarnation: its numbers start again */
    }
    pe[un] = te[un];
    po[un] = tow[un];
    ps[un] = INIT
}

/* Remember a node's advert before its step; after it, the old one may still be in flight. */
inline before(an) {
    oe = te[an];
    oo = tow[an];
    os = st[an]
}

inline after(an) {
    if
    :: oe != te[an] || oo != tow[an] || os != st[an] ->
        pe[an] = oe; po[an] = oo; ps[an] = os;
        for (k : 0 .. N - 1) {
            cur[V(k, an)] = 0
        }
    :: else -> skip
    fi
}


/* The world after a step, in a simulation or a trail replay (states: 0 INIT 1 STANDBY 2 STARTING 3 ACTIVE 4 RELEASING 5 FAULT 6 OFFLINE; owner 3: none). */
inline dump() {
    for (k : 0 .. N - 1) {
        printf("MODEL   n%d st=%d term=%d/%d vip=%d up=%d paused=%d\n", k, st[k], te[k], tow[k], vip[k], up[k], paused[k])
    }
}

/* ---------------------------------------------------------------- properties */

#define RUNS(i) (up[i] && !paused[i])
#define RUNHOLD(i) (vip[i] && RUNS(i) && woke[i] == 0)

hidden byte vips;
hidden byte runholders;
hidden byte owners;

inline count() {
    vips = 0;
    runholders = 0;
    owners = 0;
    for (k : 0 .. N - 1) {
        vips = vips + vip[k];
        if
        :: RUNHOLD(k) -> runholders++
        :: else -> skip
        fi;
        if
        :: RUNS(k) && st[k] == ACTIVE -> owners++
        :: else -> skip
        fi
    }
}

inline check() {
    count();
#if FENCING
    assert(vips <= 1);               /* SAFETY_FENCING: never two VIPs, running, paused or crashed */
#else
#if N > 2
    assert(runholders <= 1);         /* SAFETY_QUORUM: never two running holders */
#else
    assert(runholders <= 1 || sinceApart <= 1);   /* TWO_NODES: only while apart, and one beacon after */
#endif
#endif
    skip
}

/* liveness: once the faults are over, the group ends ACTIVE on exactly one node with the only VIP */
#define ONE_OWNER (owners == 1 && vips == 1)
ltl converges { ((<> quiet) && ([] <> tk)) -> <> [] (ONE_OWNER || capped) }

/* ---------------------------------------------------------------- the world */

hidden byte i;
hidden byte j;
hidden byte stale;

active proctype world() {
    atomic {
        for (i : 0 .. N - 1) {
            te[i] = 0;
            tow[i] = NONE;
            de[i] = 0;
            dow[i] = NONE;
            boot(i);
            for (j : 0 .. N - 1) {
                conn[V(i, j)] = 1
            }
        }
        sinceApart = 2;
        i = 0;
        j = 0;
        tk = 0
    }
end:
    do
    /* a beacon from j reaches i: the current one, or (reordered) the previous one */
    :: atomic {
        select(i : 0 .. N - 1);
        select(j : 0 .. N - 1);
        if
        :: (i != j && RUNS(i) && RUNS(j) && conn[V(i, j)] && !capped) &&
           (!got[V(i, j)] || (stales > 0 && !quiet && (pe[j] != te[j] || po[j] != tow[j] || ps[j] != st[j]))) ->
            if
            :: !got[V(i, j)] -> stale = 0
            :: stales > 0 && !quiet && (pe[j] != te[j] || po[j] != tow[j] || ps[j] != st[j]) -> stales--; stale = 1
            fi;
            got[V(i, j)] = 1;
            before(i);
            if
            :: stale && FIX >= 2 && cur[V(i, j)] -> proveAlive(i, j); reconcile(i)   /* STALE_ADVERT */
            :: stale && !(FIX >= 2 && cur[V(i, j)]) -> hear(i, j, pe[j], po[j], ps[j])
#if FIX >= 3
            :: !stale -> learnList(i, j); hear(i, j, te[j], tow[j], st[j]); cur[V(i, j)] = 1
#else
            :: !stale -> hear(i, j, te[j], tow[j], st[j]); cur[V(i, j)] = 1
#endif
            fi;
            after(i);
            printf("MODEL n%d hears n%d (late=%d)\n", i, j, stale);
            dump();
            check();
            i = 0;
            j = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* the resources started or stopped */
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (RUNS(i) && (st[i] == STARTING || st[i] == RELEASING) && !capped) ->
            before(i);
            if
            :: st[i] == STARTING -> printf("MODEL n%d started\n", i); started(i)
            :: else -> printf("MODEL n%d stopped\n", i); stopped(i)
            fi;
            after(i);
            dump();
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* the fence agent answers: the target is powered off (its VIP with it), or the device fails */
    :: atomic {
        select(i : 0 .. N - 1);
        select(j : 0 .. N - 1);
        if
        :: (RUNS(i) && fst[V(i, j)] == 1 && !capped) ->
            before(i);
            if
            :: up[j] = 0; paused[j] = 0; vip[j] = 0; woke[j] = 0; fst[V(i, j)] = 2; al[V(i, j)] = 0; fresh[V(i, j)] = 0;
               printf("MODEL n%d fenced n%d\n", i, j)
            :: fencefails > 0 && !quiet -> fencefails--; fst[V(i, j)] = 0; printf("MODEL n%d failed to fence n%d\n", i, j)
            fi;
            reconcile(i);
            after(i);
            printf("MODEL n%d fence answered for n%d\n", i, j);
            dump();
            check();
            i = 0;
            j = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* one tick: every running node's timer; beacons and starts/stops of this tick are done */
    :: atomic {
        ok = 1;
        for (i : 0 .. N - 1) {
            for (j : 0 .. N - 1) {
                if
                :: i != j && RUNS(i) && RUNS(j) && conn[V(i, j)] && !got[V(i, j)] -> ok = 0
                :: else -> skip
                fi
            }
            if
            :: RUNS(i) && (st[i] == STARTING || st[i] == RELEASING) -> ok = 0
            :: else -> skip
            fi
        }
        if
        :: ok && !capped -> tk = 1; mended = 0
        :: else -> tk = 0
        fi;
        for (i : 0 .. N - 1) {
            if
            :: tk ->
                for (j : 0 .. N - 1) {
                    got[V(i, j)] = 0
                }
            :: else -> skip
            fi
        }
        for (i : 0 .. N - 1) {
            if
            :: !tk -> break
            :: else -> skip
            fi;
            if
            :: RUNS(i) -> before(i); tick(i); after(i)
            :: else -> skip
            fi;
            if
            :: woke[i] > 0 && woke[i] <= D + 1 -> woke[i]++
            :: woke[i] > D + 1 -> woke[i] = 0
            :: else -> skip
            fi
        }
        ok = 0;
        for (i : 0 .. N - 1) {
            for (j : 0 .. N - 1) {
                if
                :: !conn[V(i, j)] && i != j -> ok = 1
                :: else -> skip
                fi
            }
            if
            :: paused[i] -> ok = 1
            :: else -> skip
            fi
        }
        if
        :: tk -> printf("MODEL tick\n"); dump()
        :: else -> skip
        fi;
        if
        :: ok -> sinceApart = 0
        :: !ok && sinceApart < 2 && tk -> sinceApart++
        :: else -> skip
        fi;
        check();
        i = 0;
        j = 0
    }
    /* the nemesis: a daemon crash (the VIP may survive it) or a node death */
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (!quiet && crashes > 0) && (up[i]) ->
            crashes--;
            printf("MODEL n%d crashes\n", i);
            up[i] = 0;
            paused[i] = 0;
            woke[i] = 0;
            if
            :: vip[i] = 0
            :: skip
            fi;
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* a crashed node restarts */
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (!quiet) && (!up[i]) ->
            boot(i);
            printf("MODEL n%d restarts\n", i);
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* a pause (SIGSTOP) and the resume: its memory is as it was, its counters stood still */
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (!quiet && pauses > 0) && (RUNS(i)) ->
            pauses--;
            paused[i] = 1;
            printf("MODEL n%d paused\n", i);
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (up[i] && paused[i]) ->
            paused[i] = 0;
            woke[i] = 1;
            printf("MODEL n%d resumes\n", i);
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* a partition: one node cut off from all, or one link cut (both ways); or all healed */
    :: atomic {
        (!quiet && cuts > 0 && (FLAPS || !mended));
        cuts--;
        select(i : 0 .. N - 1);
        if
        :: true ->
           for (j : 0 .. N - 1) {
               if
               :: j != i -> conn[V(i, j)] = 0; conn[V(j, i)] = 0
               :: else -> skip
               fi
           }
        :: N > 2 && LINKCUTS ->
            select(j : 0 .. N - 2);
            if
            :: j >= i -> j++
            :: else -> skip
            fi;
            conn[V(i, j)] = 0;
            conn[V(j, i)] = 0
        fi;
        printf("MODEL cut n%d (from n%d, or from all)\n", i, j);
        check();
        i = 0;
        j = 0
        i = 0;
        j = 0;
        tk = 0
    }
    :: atomic {
        (!quiet);
        for (i : 0 .. N * N - 1) {
            conn[i] = 1
        }
        mended = 1;
        printf("MODEL healed\n");
        i = 0
        i = 0;
        j = 0;
        tk = 0
    }
    /* the operator: hactl failover on the owner (a handoff), or hactl standby on a node */
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (!quiet && ops > 0) && (RUNS(i) && st[i] == ACTIVE && rel[i] == 0) ->
            best(i, i);
            if
            :: cand != NONE ->
                ops--;
                before(i);
                printf("MODEL hactl failover on n%d to n%d\n", i, cand);
                release(i, 2, cand);      /* FAILOVER_HANDOFF */
                reconcile(i);
                after(i);
                check()
            :: else -> skip
            fi
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    :: atomic {
        select(i : 0 .. N - 1);
        if
        :: (!quiet && ops > 0) && (RUNS(i) && !sby[i]) ->
            ops--;
            before(i);
            sby[i] = 1;
            printf("MODEL hactl standby on n%d\n", i);
            if
            :: st[i] == ACTIVE || st[i] == STARTING -> best(i, i); release(i, 2, cand)   /* STANDBY_HANDOFF */
            :: else -> skip
            fi;
            reconcile(i);
            after(i);
            check();
            i = 0
        :: else -> skip
        fi;
        i = 0;
        j = 0;
        tk = 0
    }
    /* the faults are over: every cut heals, paused nodes resume, crashed ones restart, standby ends */
    :: atomic {
        (!quiet);
        quiet = 1;
        printf("MODEL faults over\n");
        for (i : 0 .. N - 1) {
            for (j : 0 .. N - 1) {
                conn[V(i, j)] = 1
            }
            if
            :: !up[i] -> boot(i)
            :: else -> skip
            fi;
            if
            :: paused[i] -> paused[i] = 0; woke[i] = 1
            :: else -> skip
            fi;
            if
            :: sby[i] ->
                for (j : 0 .. N - 1) {
                    fresh[V(i, j)] = 0;      /* hactl online: FRESH_VIEW starts again */
                    if
                    :: FIX >= 2 && fst[V(i, j)] == 2 -> fst[V(i, j)] = 0   /* a fence done before is no licence now */
                    :: else -> skip
                    fi
                }
            :: else -> skip
            fi;
            sby[i] = 0
        }
        check();
        i = 0;
        j = 0
        i = 0;
        j = 0;
        tk = 0
    }
    od
}
