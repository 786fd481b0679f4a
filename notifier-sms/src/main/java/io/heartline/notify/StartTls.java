package io.heartline.notify;

/** Whether an SMTP channel upgrades its connection with STARTTLS. */
public enum StartTls {
    /** Fail unless the server offers STARTTLS. */
    REQUIRED,
    /** Use STARTTLS when the server offers it, else send in clear. */
    OPTIONAL,
    /** Never use STARTTLS. */
    OFF
}
