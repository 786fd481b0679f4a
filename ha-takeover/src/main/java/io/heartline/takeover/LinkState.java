package io.heartline.takeover;

/**
 * One interface as an rtnetlink link message describes it: its name and index, whether it exists
 * (false after RTM_DELLINK), its admin state (IFF_UP), its carrier (IFLA_CARRIER, or IFF_LOWER_UP
 * when the kernel sends no IFLA_CARRIER) and its RFC 2863 operational state.
 *
 * @param operState the kernel's IFLA_OPERSTATE; {@link OperState#UNKNOWN} when absent (a dummy
 *                  or loopback device reports it too)
 */
public record LinkState(String name, int index, boolean exists, boolean adminUp, boolean carrier,
                        OperState operState) {

    /** {@code IF_OPER_*} from {@code linux/if.h}, in kernel order. */
    public enum OperState {
        UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

        static OperState of(int code) {
            OperState[] all = values();
            return code >= 0 && code < all.length ? all[code] : UNKNOWN;
        }
    }

    /**
     * Usable for traffic: present, set up and with a carrier. This is what sysfs's {@code carrier}
     * file reads as 1 (it cannot be read while the device is set down).
     */
    public boolean up() {
        return exists && adminUp && carrier;
    }

    /** Why it is not {@link #up()}: "gone", "set down" or "no carrier"; "up" when it is. */
    public String why() {
        return !exists ? "gone" : !adminUp ? "set down" : !carrier ? "no carrier" : "up";
    }

    /** {@code eth1 (index 3): set down, operstate DOWN}. */
    @Override
    public String toString() {
        return name + " (index " + index + "): " + why() + ", operstate " + operState;
    }
}
