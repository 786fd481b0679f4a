package io.heartline.membership;

/**
 * The two-stage detector's view of one silent peer ({@link Detection}).
 *
 * @param since    monotonic ns when the peer became SUSPECT (silent on every medium for suspect-after)
 * @param round    the current probe's round: the monotonic ns it was asked for; an answer quoting
 *                 another round is stale (or forged) and ignored
 * @param slow     a probe found its kernel answering and its daemon port open: alive but slow, dead
 *                 only at deadtime
 * @param answers  probe answers received in this suspicion
 * @param awaiting the current round has no answer yet
 */
public record Suspicion(long since, long round, boolean slow, int answers, boolean awaiting) {
    static Suspicion probing(long at) {
        return new Suspicion(at, at, false, 0, true);
    }

    /** A new probe round (a suspect peer is asked again until something confirms its death or it is heard). */
    Suspicion reprobed(long at) {
        return new Suspicion(since, at, slow, answers, true);
    }

    Suspicion answered(boolean slowNow) {
        return new Suspicion(since, round, slow || slowNow, answers + 1, false);
    }
}
