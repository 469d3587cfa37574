package io.jenkins.plugins.awsrollout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Section 1: every rollout's simulated duration against the true minimum of its configuration
 * ({@link RolloutCase#lowerBound()}) and, for {@code rolling}, against the instance refresh of the same configuration.
 */
final class PhysicalLimit {

    static final double TARGET = 1.05;

    /** {@code rolling} against {@code instanceRefresh} on the same configuration (issue #19). */
    static final double REFRESH_TARGET = 1.00;

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
            progress.accept(String.format(java.util.Locale.ROOT, "  %-26s %-15s %5ds  ratio %.3f  (%d ms, heap %s)", rolloutCase.label(),
                    rolloutCase.mode(), m.duration().toSeconds(), m.ratio(), m.wallMillis(), Table.bytes(m.heapBytes())));
            results.add(m);
        }
        return new PhysicalLimit(results);
    }

    List<RolloutRun.Measurement> measurements() {
        return measurements;
    }

    /** The worst ratio to the lower bound of the {@code rolling} strategy, which the plugin paces itself. */
    double worstRollingRatio() {
        return measurements.stream().filter(m -> m.rolloutCase().strategy().equals("rolling"))
                .mapToDouble(RolloutRun.Measurement::ratio).max().orElse(Double.NaN);
    }

    /** The worst ratio of {@code rolling} to the minimum at the controller's pace. */
    double worstPacedRatio() {
        return measurements.stream().filter(m -> rolling(m.rolloutCase())).mapToDouble(RolloutRun.Measurement::pacedRatio).max()
                .orElse(Double.NaN);
    }

    private static boolean rolling(RolloutCase c) {
        return c.strategy().equals("rolling");
    }

    /** The worst ratio to the lower bound of either strategy. */
    double worstRatio() {
        return measurements.stream().mapToDouble(RolloutRun.Measurement::ratio).max().orElse(Double.NaN);
    }

    /** The instance refresh of the same configuration as {@code m}, or null. */
    RolloutRun.Measurement refreshOf(RolloutRun.Measurement m) {
        RolloutCase c = m.rolloutCase();
        return measurements.stream().filter(r -> r.rolloutCase().equals(new RolloutCase("instanceRefresh", c.size(), c.batchPercent(),
                c.launchFirst()))).findFirst().orElse(null);
    }

    /** {@code rolling}'s duration over the instance refresh's on the same configuration, or NaN without one. */
    double ratioToRefresh(RolloutRun.Measurement m) {
        RolloutRun.Measurement refresh = refreshOf(m);
        return refresh == null ? Double.NaN : (double) m.duration().toMillis() / refresh.duration().toMillis();
    }

    /** The worst of {@link #ratioToRefresh} over the {@code rolling} rollouts. */
    double worstRatioToRefresh() {
        return measurements.stream().filter(m -> m.rolloutCase().strategy().equals("rolling")).mapToDouble(this::ratioToRefresh)
                .filter(r -> !Double.isNaN(r)).max().orElse(Double.NaN);
    }

    /** Whether no rollout counted more instances than its ceiling nor had fewer healthy than its floor. */
    boolean withinLimits() {
        return measurements.stream().allMatch(m -> m.maxCounted() <= m.rolloutCase().ceiling() && m.minHealthy() >= m.floor());
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
            Table table = new Table("Strategy", ">Instances", ">Batch", ">Batches", ">Lower bound", ">Duration", ">Ratio to lower bound",
                    ">Ratio to Instance Refresh", ">Paced bound", ">Ratio to paced bound", ">Refresh alone", ">Added to the refresh", ">Most counted / ceiling", ">Peak instances",
                    ">Lowest healthy / floor", ">Real time", ">Heap");
            for (RolloutRun.Measurement m : mode) {
                RolloutCase c = m.rolloutCase();
                Duration refresh = m.refreshDuration();
                double toRefresh = ratioToRefresh(m);
                table.row(c.strategy(), c.size(), c.batchPercent() + "% (" + c.batchInstances() + ")", c.batches(),
                        Table.seconds(c.lowerBound()), Table.seconds(m.duration()), Table.fixed(m.ratio(), 3),
                        refresh != null || Double.isNaN(toRefresh) ? "—" : Table.fixed(toRefresh, 3),
                        rolling(c) ? Table.seconds(c.pacedBound()) : "—", rolling(c) ? Table.fixed(m.pacedRatio(), 3) : "—",
                        refresh == null ? "—" : Table.seconds(refresh),
                        refresh == null ? "—" : Table.seconds(m.duration().minus(refresh)),
                        m.maxCounted() + " / " + c.ceiling(),
                        m.peakInstances() + " (" + Math.round(100.0 * m.peakInstances() / c.size()) + "%)",
                        m.minHealthy() + " / " + m.floor() + (m.status().equals("Successful") ? "" : " — " + m.status()),
                        Table.seconds(Duration.ofMillis(m.wallMillis())), Table.bytes(m.heapBytes()));
            }
            out.append(table.markdown()).append('\n');
        }
        out.append("Worst ratio to the lower bound: **").append(Table.fixed(worstRollingRatio(), 3)).append("** for `rolling`, **")
                .append(Table.fixed(worstRatio(), 3)).append("** for either (target ≤ ").append(TARGET).append("). Worst ratio of `rolling` to ")
                .append("Instance Refresh: **").append(Table.fixed(worstRatioToRefresh(), 3)).append("** (target ≤ ")
                .append(Table.fixed(REFRESH_TARGET, 2)).append("). Worst ratio of `rolling` to the paced bound: **")
                .append(Table.fixed(worstPacedRatio(), 3)).append("**. Most the plugin added to an instance refresh's own duration: **")
                .append(Table.fixed((worstRefreshOverhead() - 1) * 100, 1)).append("%**. ")
                .append(withinLimits() ? "No rollout counted more instances than its ceiling or had fewer healthy than its floor."
                        : "**A rollout crossed its floor or ceiling.**").append('\n');
        return out.toString();
    }
}
