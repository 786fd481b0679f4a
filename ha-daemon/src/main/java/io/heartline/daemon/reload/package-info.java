/**
 * Reload (SIGHUP, hactl reload): a new config is checked, diffed by value against the running one ({@link io.heartline.daemon.reload.ConfigDiff}), and applied or refused with what needs a restart.
 */
package io.heartline.daemon.reload;
