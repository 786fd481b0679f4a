package io.heartline.core.config;

/** One thing wrong with a config file: where it is (file, line, key) and what is wrong. */
public record ConfigProblem(String file, int line, String key, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "<config>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(message).toString();
    }
}
