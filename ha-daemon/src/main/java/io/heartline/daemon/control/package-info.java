/**
 * The control socket: requests from hactl, checked and authorized, turned into events or queries on the loop, and their answers; the status view. Reads the loop; never blocks it.
 */
package io.heartline.daemon.control;
