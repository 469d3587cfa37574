package io.jenkins.plugins.awsrollout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Section 3: the rollouts of section 1 (terminate first) again with a share of every call throttled by the
 * simulator, against the same rollouts unthrottled.
 */
final class Throttling {

    static final List<Double> RATES = List.of(0.2, 0.5);

    /**
     * From this size on, only the last (worst) rate runs: a throttled 5,000-instance {@code rolling} rollout takes about
     * two minutes of real time, and all of them would make the full run too long (docs/benchmarks.md says so).
     */
    static final int WORST_RATE_ONLY_FROM = 5000;

    /** A throttled run and its unthrottled twin. */
    record Pair(RolloutRun.Measurement clean, RolloutRun.Measurement throttled) {

        Duration extraVirtual() {
            return throttled.duration().minus(clean.duration());
        }

        Duration extraTotal() {
            return extraVirtual().plus(throttled.sdkRetryWait());
        }
    }

    private final List<Pair> pairs;

    private Throttling(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    static Throttling run(List<RolloutRun.Measurement> clean, List<Double> rates, Consumer<String> progress) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        for (double rate : rates) {
            for (RolloutRun.Measurement base : clean) {
                if (base.rolloutCase().size() >= WORST_RATE_ONLY_FROM && rate < rates.get(rates.size() - 1)) {
                    continue;
                }
                RolloutRun.Measurement m = RolloutRun.run(base.rolloutCase(), rate, 7);
                progress.accept(String.format(java.util.Locale.ROOT, "  %-26s %2.0f%% throttled  %5ds (%+ds)  %d calls (%+d)  (%d ms)",
                        base.rolloutCase().label(), rate * 100, m.duration().toSeconds(), m.duration().minus(base.duration()).toSeconds(),
                        m.calls().size(), m.calls().size() - base.calls().size(), m.wallMillis()));
                pairs.add(new Pair(base, m));
            }
        }
        return new Throttling(pairs);
    }

    List<Pair> pairs() {
        return pairs;
    }

    String markdown() {
        Table table = new Table("Strategy", ">Instances", ">Batch", ">Throttled", "Result", ">Duration", ">Extra (engine backoff)",
                ">SDK retry sleeps (est.)", ">Extra in all", ">Calls", ">Extra calls", ">Of which throttled", ">Terminated twice", ">Lowest healthy / floor");
        for (Pair p : pairs) {
            RolloutRun.Measurement m = p.throttled();
            RolloutCase c = m.rolloutCase();
            table.row(c.strategy(), c.size(), c.batchPercent() + "%", Math.round(m.throttleRate() * 100) + "%", m.status(),
                    Table.seconds(m.duration()), Table.signedSeconds(p.extraVirtual()), Table.seconds(m.sdkRetryWait()),
                    Table.signedSeconds(p.extraTotal()) + " (" + Table.fixed(100.0 * p.extraTotal().toMillis() / p.clean().duration().toMillis(), 1)
                            + "%)",
                    m.calls().size(), "+" + (m.calls().size() - p.clean().calls().size()), m.throttled(), m.terminatedTwice(),
                    m.minHealthy() + " / " + m.floor());
        }
        Map<Double, Long> failures = new java.util.TreeMap<>();
        pairs.forEach(p -> failures.merge(p.throttled().throttleRate(), p.throttled().status().equals("Successful") ? 0L : 1L, Long::sum));
        return table.markdown() + "\nEvery throttled rollout " + (failures.values().stream().allMatch(v -> v == 0) ? "succeeded" : "did NOT succeed: "
                + failures) + ".\n";
    }
}
