/**
 * Small command-line tools the cluster tests run ({@link io.heartline.heartbeat.tool.ForgeBeacons}).
 * They live in the test kit, not in ha-heartbeat's jar: nothing here ships. The package is kept so
 * that the command lines naming the tool's class stay as they were.
 */
package io.heartline.heartbeat.tool;
