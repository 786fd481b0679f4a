package io.heartline.daemon.control;

import io.heartline.core.control.Request;

/**
 * Where accepted requests that change the cluster are recorded, with who sent them (the lifecycle
 * writes them to the event journal). Called before the request is carried out; must not block.
 */
@FunctionalInterface
public interface ControlAudit {
    void accepted(Caller caller, Request request);

    /** Records nothing (tests). */
    ControlAudit NONE = (caller, request) -> { };
}
