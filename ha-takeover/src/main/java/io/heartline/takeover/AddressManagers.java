package io.heartline.takeover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses how VIPs are added: rtnetlink through JNA, or the {@code ip} command if JNA cannot load. */
public final class AddressManagers {
    private static final Logger log = LoggerFactory.getLogger(AddressManagers.class);

    private AddressManagers() {
    }

    /** A {@link NetlinkAddressManager} when possible, else an {@link IpCommandAddressManager}; logs which. */
    public static AddressManager create() {
        try {
            AddressManager netlink = new NetlinkAddressManager();
            log.info("VIP addresses managed through rtnetlink (JNA)");
            return netlink;
        } catch (LinkageError | TakeoverException e) {
            log.warn("rtnetlink through JNA unavailable ({}): falling back to the 'ip' command", e.toString());
            return new IpCommandAddressManager();
        }
    }
}
