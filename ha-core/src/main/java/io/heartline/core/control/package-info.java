/**
 * The control protocol between hactl and the daemon: one typed {@link io.heartline.core.control.Request}
 * per command, parsed and checked in one place ({@link io.heartline.core.control.Requests}), and the
 * answers' shapes ({@link io.heartline.core.control.Answers}). On the wire a request is one JSON
 * object on one line, {@code {"cmd":"failover","group":"web","to":"node-b"}}, and so is its answer.
 */
package io.heartline.core.control;
