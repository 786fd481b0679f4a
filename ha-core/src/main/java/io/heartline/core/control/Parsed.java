package io.heartline.core.control;

/** What {@link Requests#parse} made of a request line: a valid request, or the error to answer with. */
public sealed interface Parsed {
    /** A request whose every field was checked. */
    record Valid(Request request) implements Parsed {
        public Valid {
            java.util.Objects.requireNonNull(request, "request");
        }
    }

    /** A request that is not one; {@code error} says what was wrong, naming the field. */
    record Invalid(String error) implements Parsed {
        public Invalid {
            java.util.Objects.requireNonNull(error, "error");
        }
    }
}
