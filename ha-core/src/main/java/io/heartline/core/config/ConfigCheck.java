package io.heartline.core.config;

import java.util.List;

/**
 * A module's own checks of a loaded config (alert channels, fence devices, resource agents),
 * found through {@link java.util.ServiceLoader}: {@link ConfigLoader} runs every one on the class
 * path, so the daemon and {@code hactl config check} report the same problems.
 */
public interface ConfigCheck {
    List<ConfigProblem> check(HeartlineConfig config);
}
