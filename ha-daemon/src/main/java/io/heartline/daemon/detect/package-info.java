/**
 * The two-stage detector's probes for the loop's ProbePeer actions: {@link io.heartline.daemon.detect.ProbeService}
 * asks a silent peer's kernel (ARP/NS on every Ethernet interface that reaches it) and its daemon's probe
 * port, off the loop thread, and reports back as one ProbeAnswer event; it also holds this node's own
 * probe port open.
 */
package io.heartline.daemon.detect;
