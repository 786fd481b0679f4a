package io.heartline.resources;

import java.util.ArrayList;
import java.util.List;

/** Remembers what a {@link GroupManager} told its listener. */
final class RecordingListener implements GroupListener {
    final List<String> failovers = new ArrayList<>();
    final List<String> stopFailures = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();

    @Override
    public void failoverRequired(String group, String resource, String reason) {
        failovers.add(group + "/" + resource + ": " + reason);
    }

    @Override
    public void stopFailed(String group, String resource, OperationResult result) {
        stopFailures.add(group + "/" + resource + ": " + result.summary());
    }

    @Override
    public void stateChanged(String group, String resource, ResourceState from, ResourceState to, String cause) {
        transitions.add(resource + ":" + from + "->" + to);
    }
}
