package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The capacity of one Auto Scaling group over simulated time, sampled whenever it changes. Several
 * changes at the same instant keep only the last sample: a state that lasted no time is no dip.
 */
public final class CapacityHistory {
    private final List<CapacitySample> samples = new ArrayList<>();

    synchronized void record(CapacitySample sample) {
        if (!samples.isEmpty()) {
            CapacitySample last = samples.get(samples.size() - 1);
            if (last.time().equals(sample.time())) {
                samples.remove(samples.size() - 1);
                if (!samples.isEmpty() && sameCounts(samples.get(samples.size() - 1), sample)) {
                    return;
                }
            } else if (sameCounts(last, sample)) {
                return;
            }
        }
        samples.add(sample);
    }

    private static boolean sameCounts(CapacitySample a, CapacitySample b) {
        return a.desired() == b.desired() && a.inService() == b.inService() && a.healthyInService() == b.healthyInService()
                && a.counted() == b.counted();
    }

    public synchronized List<CapacitySample> samples() {
        return List.copyOf(samples);
    }

    /** The lowest healthy-in-service count ever sampled (Integer.MAX_VALUE when never sampled). */
    public int minHealthy() {
        return samples().stream().mapToInt(CapacitySample::healthyInService).min().orElse(Integer.MAX_VALUE);
    }

    /** The lowest healthy-in-service count sampled in [from, to]; the state in force at {@code from} counts. */
    public int minHealthy(Instant from, Instant to) {
        List<CapacitySample> all = samples();
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < all.size(); i++) {
            CapacitySample s = all.get(i);
            boolean inForceAtStart = !s.time().isAfter(from) && (i + 1 == all.size() || all.get(i + 1).time().isAfter(from));
            if (inForceAtStart || (!s.time().isBefore(from) && !s.time().isAfter(to))) {
                min = Math.min(min, s.healthyInService());
            }
        }
        return min;
    }

    /** The highest number of InService instances ever sampled. */
    public int maxInService() {
        return samples().stream().mapToInt(CapacitySample::inService).max().orElse(0);
    }

    /**
     * The most instances ever counted against the ceiling (Pending or InService, not leaving), as Auto Scaling counts
     * them for an instance refresh's {@code MaxHealthyPercentage}.
     */
    public int maxCounted() {
        return samples().stream().mapToInt(CapacitySample::counted).max().orElse(0);
    }

    /** The last sample, or null. */
    public CapacitySample latest() {
        List<CapacitySample> all = samples();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
