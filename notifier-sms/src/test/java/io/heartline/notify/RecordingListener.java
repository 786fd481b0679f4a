package io.heartline.notify;

import java.util.ArrayList;
import java.util.List;

/** Keeps every report the notifier makes, for assertions. */
final class RecordingListener implements DeliveryListener {
    /** One report. */
    record Report(String channel, Alert alert, int attempt, DeliveryOutcome outcome, String detail) {
    }

    private final List<Report> reports = new ArrayList<>();

    @Override
    public synchronized void onAttempt(String channel, Alert alert, int attempt, DeliveryOutcome outcome, String detail) {
        reports.add(new Report(channel, alert, attempt, outcome, detail));
    }

    synchronized List<Report> reports() {
        return List.copyOf(reports);
    }

    synchronized List<DeliveryOutcome> outcomes() {
        return reports.stream().map(Report::outcome).toList();
    }

    synchronized long count(DeliveryOutcome o) {
        return reports.stream().filter(r -> r.outcome() == o).count();
    }
}
