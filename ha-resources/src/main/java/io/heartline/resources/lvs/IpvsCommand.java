package io.heartline.resources.lvs;

import java.util.ArrayList;
import java.util.List;

/**
 * One change to one real server of the table, as {@code ipvsadm} arguments, and what that
 * server is in the table once it succeeded.
 *
 * @param weightAfter the server's weight once done; null when it is then absent ({@code -d})
 * @param sorry       true for the sorry server
 */
public record IpvsCommand(Op op, IpvsDest dest, Integer weightAfter, boolean sorry) {

    public enum Op {
        ADD("-a"), EDIT("-e"), DELETE("-d");

        private final String flag;

        Op(String flag) {
            this.flag = flag;
        }
    }

    public static IpvsCommand add(IpvsDest d, int weight, boolean sorry) {
        return new IpvsCommand(Op.ADD, d, weight, sorry);
    }

    public static IpvsCommand edit(IpvsDest d, int weight, boolean sorry) {
        return new IpvsCommand(Op.EDIT, d, weight, sorry);
    }

    public static IpvsCommand delete(IpvsDest d, boolean sorry) {
        return new IpvsCommand(Op.DELETE, d, null, sorry);
    }

    /** The arguments after {@code ipvsadm}. */
    public List<String> args() {
        return switch (op) {
            case ADD -> dest.addArgs(weightAfter);
            case EDIT -> dest.editArgs(weightAfter);
            case DELETE -> dest.deleteArgs();
        };
    }

    /** {@code ipvsadm -e -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 0}. */
    @Override
    public String toString() {
        List<String> all = new ArrayList<>(List.of("ipvsadm"));
        all.addAll(args());
        return String.join(" ", all);
    }
}
