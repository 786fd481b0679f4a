package io.heartline.core.config;

import java.time.Duration;

/**
 * What happens when a more preferred node comes back: {@code MANUAL} (default) leaves the group
 * where it is; {@code AUTO} hands it back after the preferred node has been healthy for {@code delay}.
 */
public record FailbackConfig(Mode mode, Duration delay) {
    public enum Mode { MANUAL, AUTO }

    public boolean auto() {
        return mode == Mode.AUTO;
    }
}
