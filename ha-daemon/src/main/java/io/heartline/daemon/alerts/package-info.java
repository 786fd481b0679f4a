/**
 * Alerts: which journal records become alerts ({@link io.heartline.daemon.alerts.AlertMapper}, pure) and their delivery ({@link io.heartline.daemon.alerts.AlertService}, asynchronous, never in the failover's path).
 */
package io.heartline.daemon.alerts;
