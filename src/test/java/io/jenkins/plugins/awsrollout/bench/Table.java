package io.jenkins.plugins.awsrollout.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table: a header and rows of cells, numbers right-aligned. */
final class Table {

    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with {@code >} are right-aligned (the mark is dropped). */
    Table(String... columns) {
        header = new ArrayList<>();
        numeric = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            numeric[i] = columns[i].startsWith(">");
            header.add(numeric[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells: " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    int size() {
        return rows.size();
    }

    String markdown() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, header.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            out.append(numeric[i] ? " " + "-".repeat(widths[i] - 1) + ": |" : " " + "-".repeat(widths[i]) + " |");
        }
        out.append('\n');
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(numeric[i] ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }

    static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** {@code +12 s}, {@code −3 s}. */
    static String signedSeconds(java.time.Duration d) {
        return (d.isNegative() ? "−" + seconds(d.negated()) : "+" + seconds(d));
    }

    static String fixed(double value, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    static String bytes(double value) {
        if (value >= 1024.0 * 1024 * 1024) {
            return fixed(value / 1024 / 1024 / 1024, 1) + " GiB";
        }
        if (value >= 1024 * 1024) {
            return fixed(value / 1024 / 1024, 1) + " MiB";
        }
        if (value >= 1024) {
            return fixed(value / 1024, 1) + " KiB";
        }
        return Math.round(value) + " B";
    }
}
