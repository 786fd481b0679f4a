/** Small command-line tools used by the cluster tests ({@link io.heartline.heartbeat.tool.ForgeBeacons}). */
package io.heartline.heartbeat.tool;
