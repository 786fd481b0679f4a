package io.heartline.takeover;

/**
 * Claiming or releasing a VIP failed. The message names the VIP, the interface and, when the
 * kernel refused, the errno ({@code cannot add 10.0.0.10/24 dev eth0: no such interface 'eth0'
 * (ENODEV)}).
 */
public class TakeoverException extends Exception {

    public TakeoverException(String message) {
        super(message);
    }

    public TakeoverException(String message, Throwable cause) {
        super(message, cause);
    }
}
