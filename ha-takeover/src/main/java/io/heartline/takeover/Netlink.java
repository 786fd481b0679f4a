package io.heartline.takeover;

/**
 * rtnetlink constants from {@code linux/netlink.h}, {@code rtnetlink.h}, {@code if_addr.h},
 * {@code if_link.h} and {@code if.h}.
 */
final class Netlink {
    static final int NETLINK_ROUTE = 0;

    static final int NLMSG_HDRLEN = 16;
    static final int IFADDRMSG_LEN = 8;
    static final int RTA_HDRLEN = 4;
    static final int IFINFOMSG_LEN = 16;

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_BROADCAST = 4;

    static final int IFLA_IFNAME = 3;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_CARRIER = 33;
    /** Attribute types carry NLA_F_NESTED / NLA_F_NET_BYTEORDER in their top bits. */
    static final int NLA_TYPE_MASK = 0x3fff;

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;

    /** The multicast group of link changes, RTNLGRP_LINK (1), as a bind mask. */
    static final int RTMGRP_LINK = 1;

    /** No duplicate address detection: an IPv6 VIP must be usable at once, not "tentative". */
    static final int IFA_F_NODAD = 0x02;
    static final int RT_SCOPE_UNIVERSE = 0;

    private Netlink() {
    }

    /** Rounds up to the 4-byte netlink alignment. */
    static int align(int len) {
        return (len + 3) & ~3;
    }
}
