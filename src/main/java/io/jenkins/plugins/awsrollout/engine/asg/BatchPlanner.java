package io.jenkins.plugins.awsrollout.engine.asg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Chooses the next batch of a rolling replacement from what a poll saw. Pure: the same fleet gives the same batch.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Nothing is chosen while the group is not steady (instances pending, or fewer in service than desired): the
 *       counts would be wrong.
 *   <li>Out-of-date instances are taken unhealthy first (replacing them costs no healthy capacity), then spread over
 *       the availability zones (the zone with most left first), so no zone is emptied while others are untouched.
 *   <li>While the group is above the desired capacity the rollout keeps (left over from an interrupted batch), the
 *       next instances are terminated without replacement until it is back.
 *   <li>Healthy instances are then <em>retired after</em> a replacement is launched first while the ceiling allows
 *       ({@code maxHealthyPercentage} above 100), else <em>replaced first</em> while healthy capacity stays at or
 *       above the floor once they are out of service.
 *   <li>The batch stops at the batch size.
 * </ol>
 */
public final class BatchPlanner {

    private BatchPlanner() {}

    /** What to do next. */
    public sealed interface Decision {}

    /**
     * Replace these instances.
     *
     * @param replaceFirst taken out of service now and terminated; the group launches a replacement for each
     * @param withoutReplacement taken out of service now and terminated without replacement (desired capacity shrinks)
     * @param retireAfter kept in service until their replacements (launched first) are healthy, then terminated
     *     without replacement
     * @param standbyToTerminate out-of-date instances in Standby, terminated
     */
    public record Batch(List<String> replaceFirst, List<String> withoutReplacement, List<String> retireAfter,
            List<String> standbyToTerminate) implements Decision {

        public Batch {
            replaceFirst = List.copyOf(replaceFirst);
            withoutReplacement = List.copyOf(withoutReplacement);
            retireAfter = List.copyOf(retireAfter);
            standbyToTerminate = List.copyOf(standbyToTerminate);
        }

        /** New instances the group launches for this batch. */
        public int launches() {
            return replaceFirst.size() + retireAfter.size();
        }

        /** Instances of this batch that leave service before new ones are healthy. */
        public List<String> leavingFirst() {
            List<String> ids = new ArrayList<>(withoutReplacement);
            ids.addAll(replaceFirst);
            return ids;
        }

        public int size() {
            return replaceFirst.size() + withoutReplacement.size() + retireAfter.size() + standbyToTerminate.size();
        }
    }

    /**
     * Nothing can be chosen now; {@code reason} completes "waiting for ...".
     *
     * @param unsettled true while the group itself is still moving (launching, terminating); false when the floor,
     *     protection or standby holds the rollout
     */
    public record Wait(String reason, boolean unsettled) implements Decision {}

    /** Every instance that is to be replaced has been; {@code skipped} were left alone on purpose. */
    public record Converged(List<String> skipped) implements Decision {

        public Converged {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The next batch.
     *
     * @param fleet what the last poll saw
     * @param outOfDate which members are to be replaced
     * @param limits the desired capacity the rollout keeps, its floor and its ceiling
     * @param batchSize the most instances per batch
     * @param protectedInstances what to do with scale-in protected members
     * @param standbyInstances what to do with members in Standby
     */
    public static Decision next(Fleet fleet, Predicate<FleetMember> outOfDate, CapacityLimits limits, BatchSize batchSize,
            ProtectedInstances protectedInstances, StandbyInstances standbyInstances) {
        if (fleet.pending() > 0 || fleet.inService() < fleet.desired()) {
            return new Wait("the group to settle (" + fleet.inService() + " of " + fleet.desired() + " instances in service, "
                    + fleet.pending() + " pending)", true);
        }
        List<FleetMember> candidates = new ArrayList<>();
        List<String> standbyToTerminate = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (FleetMember member : fleet.members()) {
            if (member.leaving() || !outOfDate.test(member)) {
                continue;
            }
            if (member.standby()) {
                switch (standbyInstances) {
                    case TERMINATE -> standbyToTerminate.add(member.id());
                    case IGNORE -> skipped.add(member.id());
                    case WAIT -> held.add(member.id() + " (in Standby)");
                }
            } else if (member.inService() && member.protectedFromScaleIn() && protectedInstances != ProtectedInstances.REFRESH) {
                if (protectedInstances == ProtectedInstances.IGNORE) {
                    skipped.add(member.id());
                } else {
                    held.add(member.id() + " (protected from scale-in)");
                }
            } else if (member.inService()) {
                candidates.add(member);
            }
        }
        Batch batch = choose(order(candidates), fleet.healthy(), fleet.desired(), fleet.maxSize(), limits,
                batchSize.limit(limits.desired()), standbyToTerminate);
        if (batch.size() > 0) {
            return batch;
        }
        if (!candidates.isEmpty()) {
            return new Wait("healthy capacity to rise above the floor: " + fleet.healthy() + " healthy in service, floor "
                    + limits.floor() + ", at most " + Math.min(limits.ceiling(), fleet.maxSize()) + " in service", false);
        }
        if (!held.isEmpty()) {
            return new Wait(String.join(", ", held) + " to become replaceable", false);
        }
        return new Converged(skipped);
    }

    /**
     * The batch after {@code current}, chosen while {@code current}'s new instances are still coming: the batch
     * {@link #next} would choose once {@code current} is done (its new instances healthy, its old ones gone, the desired
     * capacity back to {@code current.desiredAfter()}), from the instances outside it. Out-of-date Standby, protected
     * and held instances are left to the batches chosen on a settled group. Empty when there is none.
     */
    public static Batch following(Fleet fleet, BatchState current, Predicate<FleetMember> outOfDate, CapacityLimits limits,
            BatchSize batchSize, ProtectedInstances protectedInstances) {
        java.util.Set<String> inCurrent = new java.util.HashSet<>(current.all());
        List<FleetMember> candidates = new ArrayList<>();
        int healthyOld = 0;
        int onTarget = 0;
        for (FleetMember member : fleet.members()) {
            if (member.leaving() || inCurrent.contains(member.id())) {
                continue;
            }
            if (!outOfDate.test(member)) {
                onTarget += member.healthy() ? 1 : 0;
                continue;
            }
            healthyOld += member.healthy() ? 1 : 0;
            if (member.inService() && !member.standby()
                    && (!member.protectedFromScaleIn() || protectedInstances == ProtectedInstances.REFRESH)) {
                candidates.add(member);
            }
        }
        int healthyAfter = healthyOld + Math.max(onTarget, current.expectedOnTarget());
        return choose(order(candidates), healthyAfter, current.desiredAfter(), fleet.maxSize(), limits,
                batchSize.limit(limits.desired()), List.of());
    }

    private static Batch choose(List<FleetMember> ordered, int healthy, int desired, int maxSize, CapacityLimits limits, int limit,
            List<String> standbyToTerminate) {
        List<String> replaceFirst = new ArrayList<>();
        List<String> withoutReplacement = new ArrayList<>();
        List<String> retireAfter = new ArrayList<>();
        int excess = Math.max(0, desired - limits.desired());
        int surge = Math.max(0, Math.min(limits.ceiling(), maxSize) - desired);
        int lost = 0;
        for (FleetMember member : ordered) {
            if (replaceFirst.size() + withoutReplacement.size() + retireAfter.size() >= limit) {
                break;
            }
            boolean keepsFloor = healthy - lost - 1 >= limits.floor();
            if (excess > 0) {
                if (member.healthy() && !keepsFloor) {
                    break;
                }
                lost += member.healthy() ? 1 : 0;
                excess--;
                withoutReplacement.add(member.id());
            } else if (!member.healthy()) {
                replaceFirst.add(member.id());
            } else if (surge > 0) {
                surge--;
                retireAfter.add(member.id());
            } else if (keepsFloor) {
                lost++;
                replaceFirst.add(member.id());
            } else {
                break;
            }
        }
        return new Batch(replaceFirst, withoutReplacement, retireAfter, standbyToTerminate);
    }

    /** Unhealthy first, then round-robin over the zones (most remaining first), then by id. */
    public static List<FleetMember> order(List<FleetMember> candidates) {
        List<FleetMember> result = new ArrayList<>();
        candidates.stream().filter(m -> !m.healthy()).sorted(Comparator.comparing(FleetMember::id)).forEach(result::add);
        Map<String, List<FleetMember>> byZone = new LinkedHashMap<>();
        candidates.stream().filter(FleetMember::healthy)
                .sorted(Comparator.comparing(FleetMember::availabilityZone).thenComparing(FleetMember::id))
                .forEach(m -> byZone.computeIfAbsent(m.availabilityZone(), z -> new ArrayList<>()).add(m));
        while (!byZone.isEmpty()) {
            List<Map.Entry<String, List<FleetMember>>> zones = new ArrayList<>(byZone.entrySet());
            zones.sort(Comparator.comparing((Map.Entry<String, List<FleetMember>> e) -> -e.getValue().size())
                    .thenComparing(Map.Entry::getKey));
            for (Map.Entry<String, List<FleetMember>> zone : zones) {
                result.add(zone.getValue().remove(0));
                if (zone.getValue().isEmpty()) {
                    byZone.remove(zone.getKey());
                }
            }
        }
        return result;
    }
}
