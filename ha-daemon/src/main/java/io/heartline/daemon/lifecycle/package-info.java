/**
 * Start and stop: builds every room from the config in order (state, journal, takeover, loop, media, control, timers), signals, and the fatal path that ends the process loudly when the loop cannot go on. May touch every room; no other room touches it.
 */
package io.heartline.daemon.lifecycle;
