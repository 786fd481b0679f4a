/**
 * Alerts: tells people what the cluster did, by SMS, email and local scripts, without ever
 * slowing a failover.
 *
 * <p>The daemon turns journal events into {@link io.heartline.notify.Alert}s and hands them to
 * {@link io.heartline.notify.Notifier#submit(Alert)}, which returns at once. Each channel
 * ({@link io.heartline.notify.KannelSmsChannel}, {@link io.heartline.notify.HttpWebhookChannel},
 * {@link io.heartline.notify.SmtpChannel}, {@link io.heartline.notify.ScriptChannel}) has its own
 * bounded queue, worker, retry with backoff, give-up limit and rate limit with a summary message
 * at the end of each window.
 *
 * <pre>
 *  submit(alert) ──filter──▶ bounded queue (drop oldest) ──rate window──▶ deliver ──▶ listener
 *                                                    │ held                 │ temporary failure
 *                                                    ▼                      ▼
 *                                       one summary at window end    backoff 1s,2s,4s..5min
 *                                                                    until give-up (1h / N)
 * </pre>
 *
 * Time comes from an injected {@link io.heartline.core.Clock}, timers from an injected
 * {@link java.util.concurrent.ScheduledExecutorService}: tests run all of it in virtual time.
 */
package io.heartline.notify;
