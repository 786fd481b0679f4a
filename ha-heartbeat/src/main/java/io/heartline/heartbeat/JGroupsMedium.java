package io.heartline.heartbeat;

import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.core.config.UnicastConfig;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.stack.Protocol;

/**
 * Beacons over a JGroups channel: UDP multicast ({@link #multicast}) or TCP to every node
 * ({@link #unicast}); stacks from {@link JGroupsStacks}.
 *
 * <p>A beacon is one message flagged {@code OOB, NO_RELIABILITY, NO_FC, DONT_BUNDLE} and
 * {@code DONT_LOOPBACK}: no sequence number, no retransmission, no flow control, no waiting for a
 * bundle or behind other traffic, not delivered to ourselves. Without reliability headers,
 * NAKACK2 and UNICAST3 pass it straight up, so no protocol drops it for coming from a node
 * outside the current view: after a partition each side holds a singleton view, yet beacons pass
 * as soon as packets flow, without waiting for MERGE3.
 *
 * <p>With UDP the beacon is one IP multicast (destination {@code null}), which reaches every
 * node on the segment whatever the view. With TCP, JGroups sends a {@code null}-destination
 * message only to the members of the current view, so a beacon would never cross a partition;
 * instead it goes as one unicast per configured peer, addressed by physical address, which the
 * transport sends directly.
 *
 * <p>The channel's view is kept as {@link #members()} for status only, never passed to the
 * listener: JGroups' control plane is unauthenticated, so a host without the key can join the
 * view (or forge one), and nothing Heartline decides may depend on it (see docs/wire-inputs.md).
 * The JGroups thread that installs a view only overwrites the newest one: no queue, no hand-off.
 */
public final class JGroupsMedium extends AbstractMedium {
    private final String clusterName;
    private final List<Protocol> stack;
    private final List<PhysicalAddress> targets;
    private volatile JChannel channel;

    /**
     * @param name        the medium's name
     * @param clusterName the JGroups cluster name ({@code "heartline-" + cluster})
     * @param stack       the protocols, transport first (a medium uses them once)
     * @param targets     empty: send each beacon as one multicast; otherwise one unicast to each
     */
    public JGroupsMedium(String name, String clusterName, List<Protocol> stack, List<PhysicalAddress> targets,
                         MediumContext context) {
        super(name, context);
        JGroupsLogging.useSlf4j();
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.stack = List.copyOf(stack);
        this.targets = List.copyOf(targets);
    }

    /** The default medium: UDP multicast as configured. */
    public static JGroupsMedium multicast(String clusterName, MulticastConfig cfg, TimingConfig timing,
                                          MediumContext context) {
        return new JGroupsMedium(cfg.name(), clusterName, JGroupsStacks.multicast(cfg, timing), List.of(), context);
    }

    /** TCP to every node in {@code nodes}, for networks without multicast. */
    public static JGroupsMedium unicast(String clusterName, UnicastConfig cfg, List<NodeConfig> nodes,
                                        TimingConfig timing, MediumContext context) {
        return new JGroupsMedium(cfg.name(), clusterName, JGroupsStacks.unicast(cfg, nodes, timing),
                JGroupsStacks.unicastTargets(cfg, nodes, context.self()), context);
    }

    @Override
    protected void open() throws Exception {
        JChannel ch = new JChannel(stack);
        channel = ch;
        ch.setName(context().self().name());
        ch.setDiscardOwnMessages(true);
        ch.setReceiver(new Receiver() {
            @Override
            public void receive(Message msg) {
                if (msg instanceof BytesMessage) {
                    JGroupsMedium.this.receive(msg.getArray(), msg.getOffset(), msg.getLength());
                }
            }

            @Override
            public void viewAccepted(View view) {
                List<Address> members = view.getMembers();
                // Only the first few names are read: a view of any size costs the same here.
                membersChanged(new AbstractList<>() {
                    @Override
                    public String get(int i) {
                        return String.valueOf(members.get(i));
                    }

                    @Override
                    public int size() {
                        return members.size();
                    }
                });
            }
        });
        ch.connect(clusterName);
    }

    @Override
    protected void transmit(byte[] frame) throws Exception {
        JChannel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("channel not connected yet");
        }
        if (targets.isEmpty()) {
            ch.send(beaconMessage(null, frame));
            return;
        }
        Exception first = null;
        for (PhysicalAddress target : targets) {
            try {
                ch.send(beaconMessage(target, frame));
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    protected void shutdown() {
        JChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** The channel, once started (tests and diagnostics). */
    JChannel channel() {
        return channel;
    }

    static Message beaconMessage(Address dest, byte[] frame) {
        return new BytesMessage(dest, frame)
                .setFlag(Message.Flag.OOB, Message.Flag.NO_RELIABILITY, Message.Flag.NO_FC, Message.Flag.DONT_BUNDLE)
                .setFlag(Message.TransientFlag.DONT_LOOPBACK);
    }
}
