/**
 * Resource groups and VIP takeover for the loop's actions: {@link io.heartline.daemon.groups.GroupService} runs groups' resources off the loop thread and reports back as events; {@link io.heartline.daemon.groups.TakeoverService} owns the address manager and the ARP socket.
 */
package io.heartline.daemon.groups;
