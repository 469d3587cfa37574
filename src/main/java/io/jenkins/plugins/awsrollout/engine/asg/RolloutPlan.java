package io.jenkins.plugins.awsrollout.engine.asg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a rollout will do to a group, computed before it starts: the instances to replace in the order they will
 * go, those left alone, the batches, and a rough duration. The dry run prints and returns it; the real run logs
 * its summary and checks it can make progress at all.
 *
 * <p>Batches assume every instance is healthy: each one takes {@code min(batch size, ceiling - floor)} instances,
 * which is what fits between the floor and the ceiling once the previous batch is healthy again.
 *
 * @param toReplace out-of-date instances in service, in replacement order
 * @param skipped out-of-date instances left alone (protected or in Standby, by the chosen behaviour)
 * @param held out-of-date instances the rollout would wait for (protected or in Standby, behaviour Wait)
 * @param standbyToTerminate out-of-date instances in Standby that will be terminated
 * @param batches {@code toReplace} cut into batches
 * @param limits floor and ceiling
 * @param estimatedDuration a rough duration: per batch, boot and health checks and warm-up, or the drain when longer
 */
public record RolloutPlan(
        List<String> toReplace,
        List<String> skipped,
        List<String> held,
        List<String> standbyToTerminate,
        List<List<String>> batches,
        CapacityLimits limits,
        Duration estimatedDuration) {

    /** What booting and passing the first health checks usually takes, for the estimate only. */
    static final Duration BOOT_AND_HEALTH = Duration.ofMinutes(3);

    public RolloutPlan {
        toReplace = List.copyOf(toReplace);
        skipped = List.copyOf(skipped);
        held = List.copyOf(held);
        standbyToTerminate = List.copyOf(standbyToTerminate);
        batches = batches.stream().map(List::copyOf).toList();
    }

    /**
     * @param warmup how long each batch warms up
     * @param drain how long each batch drains (the longest deregistration delay of the group's target groups): Auto
     *     Scaling drains the old instances while their replacements or the next batch boot, so it counts only where it
     *     is the longer
     */
    public static RolloutPlan of(Fleet fleet, Predicate<FleetMember> outOfDate, CapacityLimits limits, BatchSize batchSize,
            ProtectedInstances protectedInstances, StandbyInstances standbyInstances, Duration warmup, Duration drain) {
        List<FleetMember> candidates = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> held = new ArrayList<>();
        List<String> standby = new ArrayList<>();
        for (FleetMember member : fleet.members()) {
            if (member.leaving() || !outOfDate.test(member)) {
                continue;
            }
            if (member.standby()) {
                (standbyInstances == StandbyInstances.TERMINATE ? standby
                        : standbyInstances == StandbyInstances.IGNORE ? skipped : held).add(member.id());
            } else if (member.protectedFromScaleIn() && protectedInstances != ProtectedInstances.REFRESH) {
                (protectedInstances == ProtectedInstances.IGNORE ? skipped : held).add(member.id());
            } else {
                candidates.add(member);
            }
        }
        List<String> ordered = BatchPlanner.order(candidates).stream().map(FleetMember::id).toList();
        int perBatch = Math.min(batchSize.limit(limits.desired()), Math.max(1, limits.ceiling() - limits.floor()));
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i += perBatch) {
            batches.add(ordered.subList(i, Math.min(ordered.size(), i + perBatch)));
        }
        Duration launch = BOOT_AND_HEALTH.plus(warmup);
        Duration perBatchTime = launch.compareTo(drain) >= 0 ? launch : drain;
        return new RolloutPlan(ordered, skipped, held, standby, batches, limits, perBatchTime.multipliedBy(batches.size()));
    }

    /** {@code 6 instances in 3 batches of up to 2 (floor 5 of 6, at most 7 in service), about 12m}. */
    public String summary() {
        int largest = batches.stream().mapToInt(List::size).max().orElse(0);
        return toReplace.size() + " instance" + (toReplace.size() == 1 ? "" : "s") + " to replace in " + batches.size() + " batch"
                + (batches.size() == 1 ? "" : "es") + " of up to " + largest + " (" + limits + ")"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped")
                + (standbyToTerminate.isEmpty() ? "" : ", " + standbyToTerminate.size() + " in Standby to terminate")
                + ", about " + io.jenkins.plugins.awsrollout.engine.HumanDuration.of(estimatedDuration);
    }
}
