/**
 * {@code hactl import}: reads a keepalived or heartbeat configuration and writes the heartline.conf
 * that does the same, with a report of everything it could not map and why.
 *
 * <p>Reading is apart from mapping: a bounded tokenizer and parser per format produce a model
 * ({@link io.heartline.hactl.migrate.Stmt} trees for keepalived.conf, {@link io.heartline.hactl.migrate.HaCf} and
 * {@link io.heartline.hactl.migrate.Haresources} for heartbeat), a mapper turns the model into a
 * {@link io.heartline.hactl.migrate.ClusterPlan} and an {@link io.heartline.hactl.migrate.ImportReport},
 * and {@link io.heartline.hactl.migrate.PlanWriter} writes the plan as HOCON.
 */
package io.heartline.hactl.migrate;
