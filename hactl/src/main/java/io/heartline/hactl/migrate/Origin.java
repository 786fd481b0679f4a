package io.heartline.hactl.migrate;

/** Where something was read: file, line (from 1) and the line's text, for the report. */
public record Origin(String file, int line, String text) {
    private static final int MAX_TEXT = 100;

    public Origin {
        text = text == null ? "" : shorten(text.strip());
    }

    /** {@code keepalived.conf:12} */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return s.length() > MAX_TEXT ? b + "…" : b.toString();
    }
}
