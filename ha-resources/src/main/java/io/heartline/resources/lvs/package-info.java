/**
 * Real-server checks of an LVS director ({@code lvs-director} script with {@code virtual-services};
 * docs/lvs.md), in the module's usual roles:
 *
 * <ul>
 *   <li>Config: {@link io.heartline.resources.lvs.LvsSection} (the section) →
 *       {@link io.heartline.resources.lvs.VirtualServiceSpec}, {@link io.heartline.resources.lvs.CheckSpec};
 *       matched with the rules file ({@link io.heartline.resources.lvs.IpvsRules}) by
 *       {@link io.heartline.resources.lvs.VirtualServices}; {@link io.heartline.resources.lvs.LvsDirectors}
 *       makes the resource and checks the section for {@code hactl config check}.</li>
 *   <li>Data: {@link io.heartline.resources.lvs.Endpoint}, {@link io.heartline.resources.lvs.IpvsService},
 *       {@link io.heartline.resources.lvs.IpvsDest}, {@link io.heartline.resources.lvs.IpvsCommand},
 *       {@link io.heartline.resources.lvs.IpvsListing} ({@code ipvsadm -L -n}).</li>
 *   <li>Decisions, pure: {@link io.heartline.resources.lvs.RealServerHealth} (rise/fall) and
 *       {@link io.heartline.resources.lvs.TablePlan} (health and table → ipvsadm commands).</li>
 *   <li>Scheduling: {@link io.heartline.resources.lvs.RealServerChecker} (one thread owns the state,
 *       checks on workers, one per server at a time), {@link io.heartline.resources.lvs.RealServerCheck}
 *       (TCP, HTTP, {@link io.heartline.resources.lvs.CommandCheck}), {@link io.heartline.resources.lvs.TableKeeper}
 *       (runs {@link io.heartline.resources.lvs.Ipvsadm}), {@link io.heartline.resources.lvs.CheckerParts}.</li>
 *   <li>Notify and print: {@link io.heartline.resources.lvs.RealServerListener} (journal, metrics),
 *       {@link io.heartline.resources.lvs.RealServerStatus} ({@code hactl status}).</li>
 *   <li>The resource: {@link io.heartline.resources.lvs.LvsDirectorResource}.</li>
 * </ul>
 */
package io.heartline.resources.lvs;
