/**
 * The Heartline daemon, in rooms by subsystem. Each room has one adapter with the {@code Service}
 * suffix that lifecycle builds from the config ({@code start}/{@code open}) and closes:
 * <pre>
 *  lifecycle/  RunningDaemon, Signals, StartupException    builds and stops everything below
 *  loop/       EventLoop, ActionRunner                     the state owner and its actions
 *  control/    ControlServer, ControlHandler, ...          hactl requests → loop events/queries
 *  media/      MediaService, MediaListener, LinkWatcher... beacons in and out
 *  groups/     GroupService, TakeoverService               resources and VIPs
 *  fencing/    FenceService                                fence agents
 *  detect/     ProbeService, Prober, ProbePort             the two-stage detector's probes and probe port
 *  alerts/     AlertService, AlertMapper                   SMS, email, scripts
 *  reload/     Reloader, ConfigDiff                        SIGHUP
 *  metrics/    DaemonMetrics, MetricsServer, ...           Prometheus text
 *  http/       HttpServer, HttpLimits, ...                 the bounded one-thread HTTP/1.1 listener
 *  page/       StatusPage, StatusFeed, EventTail           the read-only status page on that listener
 *  systemd/    SystemdNotifier, LoopWatchdog, ...          sd_notify
 * </pre>
 */
package io.heartline.daemon;
