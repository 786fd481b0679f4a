package io.heartline.resources.lvs;

/**
 * A real server's health as its checks see it, debounced by rise and fall counts (HAProxy's
 * {@code rise}/{@code fall}, keepalived's retries):
 * <pre>
 *                 fall failures in a row
 *        ┌──────────────────────────────────┐
 *        │                                  ▼
 *       UP ◀─────────────────────────────  DOWN
 *  (every server        rise passes
 *   at start)           in a row
 * </pre>
 * A result against the state's grain counts towards the change; one with it resets the count,
 * so a server that alternates (flaps) changes state only if a run reaches rise or fall. Every
 * server starts UP, as the rules file put it in the table. Pure and immutable.
 *
 * @param passes passes in a row while DOWN
 * @param fails  failures in a row while UP
 */
public record RealServerHealth(State state, int passes, int fails) {

    public enum State { UP, DOWN }

    /** A check's outcome, the input of the table. */
    public enum Input { PASS, FAIL }

    public RealServerHealth {
        if (passes < 0 || fails < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** UP, no counts: a server as the rules file loaded it. */
    public static RealServerHealth initial() {
        return new RealServerHealth(State.UP, 0, 0);
    }

    /** The health after one more result. The whole table: UP/DOWN × PASS/FAIL. */
    public RealServerHealth after(Input input, int rise, int fall) {
        return switch (state) {
            case UP -> input == Input.PASS ? new RealServerHealth(State.UP, 0, 0)
                    : fails + 1 >= fall ? new RealServerHealth(State.DOWN, 0, 0)
                    : new RealServerHealth(State.UP, 0, fails + 1);
            case DOWN -> input == Input.FAIL ? new RealServerHealth(State.DOWN, 0, 0)
                    : passes + 1 >= rise ? new RealServerHealth(State.UP, 0, 0)
                    : new RealServerHealth(State.DOWN, passes + 1, 0);
        };
    }

    public boolean up() {
        return state == State.UP;
    }
}
