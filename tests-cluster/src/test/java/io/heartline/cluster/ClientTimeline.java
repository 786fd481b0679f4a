package io.heartline.cluster;

import java.util.List;

/**
 * What the client got in a window, from the {@link ClientPoller}'s attempts: pure arithmetic for
 * the auditor.
 *
 * <p>Failure time: each run of failed attempts counts from the start of its first attempt to the
 * start of the next answered one (or the end of the window): the stretch in which the client, polling
 * every 10 ms, could not get an answer.
 */
final class ClientTimeline {
    private final List<ClientPoller.Attempt> attempts;
    private final long to;

    /** The attempts that started in {@code [from, to)}. */
    ClientTimeline(List<ClientPoller.Attempt> all, long from, long to) {
        this.attempts = all.stream().filter(a -> a.epochMillis() >= from && a.epochMillis() < to).toList();
        this.to = to;
    }

    /** Total ms during which attempts failed. */
    long failedMillis() {
        long total = 0;
        Long runStart = null;
        for (ClientPoller.Attempt a : attempts) {
            if (!a.ok() && runStart == null) {
                runStart = a.epochMillis();
            } else if (a.ok() && runStart != null) {
                total += a.epochMillis() - runStart;
                runStart = null;
            }
        }
        if (runStart != null) {
            total += to - runStart;
        }
        return total;
    }

    /** The longest single run of failures, ms (as {@link #failedMillis} counts them). */
    long longestFailureMillis() {
        long longest = 0;
        Long runStart = null;
        for (ClientPoller.Attempt a : attempts) {
            if (!a.ok() && runStart == null) {
                runStart = a.epochMillis();
            } else if (a.ok() && runStart != null) {
                longest = Math.max(longest, a.epochMillis() - runStart);
                runStart = null;
            }
        }
        return runStart == null ? longest : Math.max(longest, to - runStart);
    }

    /** How often the answering node changed between consecutive answers (failures in between ignored). */
    int answerChanges() {
        int changes = 0;
        String last = null;
        for (ClientPoller.Attempt a : attempts) {
            if (a.ok()) {
                if (last != null && !last.equals(a.answer())) {
                    changes++;
                }
                last = a.answer();
            }
        }
        return changes;
    }

    /** Answers from {@code node} in attempts that started at or after {@code sinceMillis}. */
    long answersFrom(String node, long sinceMillis) {
        return attempts.stream().filter(a -> a.ok() && a.answer().equals(node) && a.epochMillis() >= sinceMillis).count();
    }

    /** The first answer from {@code node} at or after {@code sinceMillis}, or null. */
    ClientPoller.Attempt firstAnswerFrom(String node, long sinceMillis) {
        return attempts.stream().filter(a -> a.ok() && a.answer().equals(node) && a.epochMillis() >= sinceMillis)
                .findFirst().orElse(null);
    }

    /** The first answered attempt at or after {@code sinceMillis}, from any node, or null. */
    ClientPoller.Attempt firstAnswer(long sinceMillis) {
        return attempts.stream().filter(a -> a.ok() && a.epochMillis() >= sinceMillis).findFirst().orElse(null);
    }

    int attempts() {
        return attempts.size();
    }
}
