package io.heartline.notify;

/** How a webhook's body template escapes the values it inserts, and its default content type. */
public enum BodyFormat {
    /** Values JSON-string-escaped (the template supplies the quotes). */
    JSON("application/json"),
    /** Values URL-encoded, for {@code a=${text}&b=${node}}. */
    FORM("application/x-www-form-urlencoded"),
    /** Values inserted as they are. */
    TEXT("text/plain; charset=utf-8");

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
