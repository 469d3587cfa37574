package io.jenkins.plugins.awsrollout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Section 1: every rollout's simulated duration against the theoretical minimum of its configuration
 * ({@link RolloutCase#minimum()}).
 */
final class PhysicalLimit {

    static final double TARGET = 1.05;

    private final List<RolloutRun.Measurement> measurements;

    private PhysicalLimit(List<RolloutRun.Measurement> measurements) {
        this.measurements = List.copyOf(measurements);
    }

    /** Both strategies, both capacity modes, for each size and batch percentage. */
    static List<RolloutCase> cases(List<Integer> sizes, List<Integer> batches, List<Boolean> launchFirst) {
        List<RolloutCase> cases = new ArrayList<>();
        for (boolean mode : launchFirst) {
            for (String strategy : List.of("instanceRefresh", "rolling")) {
                for (int size : sizes) {
                    for (int batch : batches) {
                        cases.add(new RolloutCase(strategy, size, batch, mode));
                    }
                }
            }
        }
        return cases;
    }

    static PhysicalLimit run(List<RolloutCase> cases, Consumer<String> progress) throws Exception {
        List<RolloutRun.Measurement> results = new ArrayList<>();
        for (RolloutCase rolloutCase : cases) {
            RolloutRun.Measurement m = RolloutRun.run(rolloutCase, 0, 42);
            progress.accept(String.format(java.util.Locale.ROOT, "  %-26s %-15s %5ds  ratio %.3f  (%d ms)", rolloutCase.label(),
                    rolloutCase.mode(), m.duration().toSeconds(), m.ratio(), m.wallMillis()));
            results.add(m);
        }
        return new PhysicalLimit(results);
    }

    List<RolloutRun.Measurement> measurements() {
        return measurements;
    }

    /** The worst ratio of the {@code rolling} strategy, which the plugin paces itself. */
    double worstRollingRatio() {
        return measurements.stream().filter(m -> m.rolloutCase().strategy().equals("rolling"))
                .mapToDouble(RolloutRun.Measurement::ratio).max().orElse(Double.NaN);
    }

    /** The most the plugin added to an instance refresh's own duration, as a share of it. */
    double worstRefreshOverhead() {
        return measurements.stream().filter(m -> m.refreshDuration() != null)
                .mapToDouble(m -> (double) m.duration().toMillis() / m.refreshDuration().toMillis()).max().orElse(Double.NaN);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        for (boolean launchFirst : List.of(false, true)) {
            List<RolloutRun.Measurement> mode = measurements.stream().filter(m -> m.rolloutCase().launchFirst() == launchFirst).toList();
            if (mode.isEmpty()) {
                continue;
            }
            out.append("**").append(launchFirst ? "Launch first" : "Terminate first").append("** (")
                    .append(launchFirst ? "minHealthyPercentage 100, maxHealthyPercentage 100 + batch"
                            : "minHealthyPercentage 100 − batch, maxHealthyPercentage 100")
                    .append(")\n\n");
            Table table = new Table("Strategy", ">Instances", ">Batch", ">Batches", ">Minimum", ">Duration", ">Ratio",
                    ">Refresh alone", ">Added to the refresh", ">Peak instances", ">Lowest healthy / floor");
            for (RolloutRun.Measurement m : mode) {
                RolloutCase c = m.rolloutCase();
                Duration refresh = m.refreshDuration();
                table.row(c.strategy(), c.size(), c.batchPercent() + "% (" + c.batchInstances() + ")", c.batches(),
                        Table.seconds(c.minimum()), Table.seconds(m.duration()), Table.fixed(m.ratio(), 3),
                        refresh == null ? "—" : Table.seconds(refresh),
                        refresh == null ? "—" : Table.seconds(m.duration().minus(refresh)),
                        m.peakInstances() + " (" + Math.round(100.0 * m.peakInstances() / c.size()) + "%)",
                        m.minHealthy() + " / " + m.floor() + (m.status().equals("Successful") ? "" : " — " + m.status()));
            }
            out.append(table.markdown()).append('\n');
        }
        out.append("Worst ratio of `rolling`: **").append(Table.fixed(worstRollingRatio(), 3)).append("** (target ≤ ")
                .append(TARGET).append("). Most the plugin added to an instance refresh's own duration: **")
                .append(Table.fixed((worstRefreshOverhead() - 1) * 100, 1)).append("%**.\n");
        return out.toString();
    }
}
