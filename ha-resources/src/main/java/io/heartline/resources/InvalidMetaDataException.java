package io.heartline.resources;

/** An OCF agent's meta-data could not be read: not XML, or not an OCF {@code <resource-agent>}. */
public final class InvalidMetaDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMetaDataException(String message) {
        super(message);
    }
}
