/**
 * The control socket: requests from hactl, parsed ({@link io.heartline.core.control.Requests}), authorized per request
 * ({@link io.heartline.daemon.control.Admission}) and carried out by one handler per command
 * ({@link io.heartline.daemon.control.CommandTable}) as events or queries on the loop; the status view. One selector
 * thread serves every connection ({@link io.heartline.daemon.control.ControlServer}); it never blocks the loop, nor the loop it.
 */
package io.heartline.daemon.control;
