package io.heartline.hactl;

import java.util.Collection;
import java.util.List;

/**
 * The names a mistyped word most likely meant: those at the smallest edit distance (insertions,
 * deletions, substitutions and swaps of two neighbours), at most 2. picocli suggests commands well
 * but finds nothing for a swapped pair of letters in an option ({@code --josn}).
 */
final class Typos {
    static final int MAX_DISTANCE = 2;

    private Typos() {
    }

    static List<String> near(String word, Collection<String> names) {
        int best = MAX_DISTANCE + 1;
        for (String name : names) {
            best = Math.min(best, distance(word, name));
        }
        int min = best;
        return min > MAX_DISTANCE ? List.of() : names.stream().filter(n -> distance(word, n) == min).sorted().toList();
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
