package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * One keepalived.conf statement: a keyword, its arguments, the block in braces that follows it (if
 * any) and where it was written. The mapper marks what it used; what is left unused is reported.
 */
public final class Stmt {
    private final String keyword;
    private final List<String> args;
    private final Origin origin;
    private List<Stmt> block;
    private boolean used;

    Stmt(String keyword, List<String> args, Origin origin) {
        this.keyword = keyword;
        this.args = List.copyOf(args);
        this.origin = origin;
    }

    public String keyword() {
        return keyword;
    }

    public List<String> args() {
        return args;
    }

    /** The argument at {@code i}, or null. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    public Origin origin() {
        return origin;
    }

    /** The statements in braces after this one; empty when there is no block. */
    public List<Stmt> block() {
        return block == null ? List.of() : block;
    }

    public boolean hasBlock() {
        return block != null;
    }

    List<Stmt> openBlock() {
        if (block == null) {
            block = new ArrayList<>();
        }
        return block;
    }

    /** Marks this statement as mapped (or reported), so that it is not reported as unmapped. */
    Stmt use() {
        used = true;
        return this;
    }

    boolean used() {
        return used;
    }

    /** The first statement of the block with this keyword, or null. */
    Stmt child(String kw) {
        for (Stmt s : block()) {
            if (s.keyword.equals(kw)) {
                return s;
            }
        }
        return null;
    }

    /** Every statement of the block with this keyword. */
    List<Stmt> children(String kw) {
        return block().stream().filter(s -> s.keyword.equals(kw)).toList();
    }

    @Override
    public String toString() {
        return keyword + (args.isEmpty() ? "" : " " + String.join(" ", args)) + (block == null ? "" : " {…}");
    }
}
