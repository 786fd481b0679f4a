package io.heartline.hactl.migrate;

import io.heartline.hactl.migrate.KeepalivedLexer.Token;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Builds the statement tree of a keepalived.conf from its tokens. A line's words are a statement;
 * a {@code {} after them (or alone on the next line) opens the statement's block, {@code }} closes
 * it. {@code include PATTERN} is textual, as in keepalived: the matching files' tokens are read in
 * its place (a relative pattern from the including file's directory, wildcards in the file name).
 * Bounded: nesting, includes, files, bytes and statements all have limits, and a file beyond them is
 * refused with the limit named.
 */
final class KeepalivedParser {
    static final int MAX_DEPTH = 32;
    static final int MAX_INCLUDE_DEPTH = 8;
    static final int MAX_FILES = 64;
    static final long MAX_TOTAL_BYTES = 8L << 20;
    static final int MAX_STATEMENTS = 100_000;

    /** The statements of the file and everything it includes, and the files read. */
    record Conf(List<Stmt> statements, List<String> files) {
    }

    private record Source(Iterator<Token> tokens, Path dir, int depth) {
    }

    private final ImportReport report;
    private final Deque<Source> sources = new ArrayDeque<>();
    private final Set<Path> read = new HashSet<>();
    private final List<String> files = new ArrayList<>();
    private long bytes;
    private int statements;

    private KeepalivedParser(ImportReport report) {
        this.report = report;
    }

    static Conf parse(Path file, ImportReport report) throws ImportRefused {
        KeepalivedParser p = new KeepalivedParser(report);
        p.open(file, file.toString(), 0);
        return new Conf(p.tree(), List.copyOf(p.files));
    }

    private void open(Path file, String name, int depth) throws ImportRefused {
        SourceText text = SourceText.read(file, name);
        for (String l : text.lines()) {
            bytes += l.length() + 1;
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw ImportRefused.input(name + ": the files read add up to more than " + (MAX_TOTAL_BYTES >> 20) + " MiB");
        }
        files.add(name);
        read.add(real(file));
        Path dir = file.toAbsolutePath().getParent();
        sources.push(new Source(KeepalivedLexer.lex(text, report).iterator(), dir, depth));
    }

    private Token next() {
        while (!sources.isEmpty()) {
            if (sources.peek().tokens().hasNext()) {
                return sources.peek().tokens().next();
            }
            sources.pop();
        }
        return null;
    }

    private List<Stmt> tree() throws ImportRefused {
        List<Stmt> root = new ArrayList<>();
        Deque<List<Stmt>> blocks = new ArrayDeque<>();
        Deque<Origin> opened = new ArrayDeque<>();
        blocks.push(root);
        List<String> words = new ArrayList<>();
        Origin first = null;
        for (Token t = next(); t != null; t = next()) {
            switch (t.type()) {
                case WORD -> {
                    if (words.isEmpty()) {
                        first = t.origin();
                    }
                    words.add(t.text());
                }
                case EOL -> finish(words, first, blocks.peek());
                case OPEN -> {
                    Stmt s = finish(words, first, blocks.peek());
                    List<Stmt> current = blocks.peek();
                    if (s == null && !current.isEmpty() && !current.get(current.size() - 1).hasBlock()) {
                        s = current.get(current.size() - 1);
                    }
                    if (s == null) {
                        report.notMapped(t.origin(), "a '{' with no statement before it: its block is left out");
                        s = new Stmt("{", List.of(), t.origin()).use();
                    }
                    if (blocks.size() > MAX_DEPTH) {
                        throw ImportRefused.input(t.origin().where() + ": blocks nested more than " + MAX_DEPTH + " deep");
                    }
                    blocks.push(s.openBlock());
                    opened.push(t.origin());
                }
                case CLOSE -> {
                    finish(words, first, blocks.peek());
                    if (blocks.size() == 1) {
                        report.notMapped(t.origin(), "a '}' that closes no block: left out");
                    } else {
                        blocks.pop();
                        opened.pop();
                    }
                }
                default -> throw new IllegalStateException(t.type().toString());
            }
        }
        finish(words, first, blocks.peek());
        while (!opened.isEmpty()) {
            report.notMapped(opened.pop(), "this block is never closed (keepalived would refuse the file): read as if it"
                    + " ended with the file");
        }
        return root;
    }

    /** The statement of the words gathered so far, added to {@code block}; null when there are none. */
    private Stmt finish(List<String> words, Origin origin, List<Stmt> block) throws ImportRefused {
        if (words.isEmpty()) {
            return null;
        }
        Stmt s = new Stmt(words.get(0), words.subList(1, words.size()), origin);
        words.clear();
        if (++statements > MAX_STATEMENTS) {
            throw ImportRefused.input(origin.file() + ": more than " + MAX_STATEMENTS + " statements");
        }
        if (s.keyword().equals("include")) {
            include(s);
            return null;
        }
        block.add(s);
        return s;
    }

    private void include(Stmt s) throws ImportRefused {
        Source from = sources.peek();
        int depth = from == null ? 1 : from.depth() + 1;
        if (s.args().isEmpty()) {
            report.notMapped(s.origin(), "include names no file");
            return;
        }
        if (depth > MAX_INCLUDE_DEPTH) {
            throw ImportRefused.input(s.origin().where() + ": includes nested more than " + MAX_INCLUDE_DEPTH + " deep");
        }
        List<Path> matches = new ArrayList<>();
        for (String pattern : s.args()) {
            matches.addAll(matches(from == null ? Path.of(".") : from.dir(), pattern, s.origin()));
        }
        // pushed last-first, so that they are read in order
        for (int i = matches.size() - 1; i >= 0; i--) {
            Path m = matches.get(i);
            if (read.contains(real(m))) {
                report.notMapped(s.origin(), m + " is read already (an include loop, or included twice): left out");
                continue;
            }
            if (files.size() >= MAX_FILES) {
                throw ImportRefused.input(s.origin().where() + ": more than " + MAX_FILES + " files included");
            }
            open(m, m.toString(), depth);
        }
        report.mapped(s.origin(), matches.isEmpty() ? "no file matches: nothing included" : "read " + matches.size() + " file(s)");
    }

    private List<Path> matches(Path dir, String pattern, Origin origin) {
        Path p;
        try {
            p = dir.resolve(pattern);
        } catch (RuntimeException e) {
            report.notMapped(origin, "'" + pattern + "' is not a path");
            return List.of();
        }
        Path parent = p.getParent();
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (parent == null || name.isEmpty() || parent.toString().matches(".*[*?\\[{].*")) {
            if (!name.isEmpty() && Files.isRegularFile(p)) {
                return List.of(p);
            }
            report.notMapped(origin, "'" + pattern + "': only the file name may have wildcards");
            return List.of();
        }
        if (!name.matches(".*[*?\\[{].*")) {
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        List<Path> out = new ArrayList<>();
        try {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                for (Path f : ds) {
                    if (m.matches(f.getFileName()) && Files.isRegularFile(f) && out.size() <= MAX_FILES) {
                        out.add(f);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            report.notMapped(origin, "cannot list " + parent + " (" + e.getMessage() + ")");
            return List.of();
        }
        out.sort(null);
        return out;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
