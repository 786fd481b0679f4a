package io.heartline.cluster;

import java.util.List;
import java.util.function.ToLongFunction;

/** Median, percentiles and maximum of what a test measured (the figures it prints). */
final class Stats {
    private Stats() {
    }

    static <T> long median(List<T> items, ToLongFunction<T> f) {
        long[] v = items.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }

    static <T> long max(List<T> items, ToLongFunction<T> f) {
        return items.stream().mapToLong(f).max().orElseThrow();
    }

    /** The nearest-rank {@code p}th percentile of {@code values}. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
