package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The next batch's head start: a sliding window across batches (issue #19). Auto Scaling terminates one instance per
 * call and the controller paces those calls, so a batch's replacements launch spread over {@code (batch − 1) / pace}
 * and turn healthy as spread. Waiting for the last of them before the next batch's first termination would add that
 * spread to every batch; instead, while a batch waits for its new instances, the next batch is chosen and its old
 * instances start leaving as the floor allows at each poll, one for each new instance that turned healthy. Only the
 * first batch then pays the spread.
 *
 * <p>Launching first, the same goes for the batch's own retired instances: each leaves as a new one is healthy, and
 * while the next batch launches first it is terminated <em>without</em> decrementing the desired capacity, so its
 * replacement is one of the next batch's launches, with no second call to raise the capacity again.
 *
 * <p>The ceiling is never at stake: every termination here keeps the count of instances Pending or InService and not
 * leaving (a replacement takes the place of the instance leaving). The floor is checked against each poll's read, and
 * every decision is taken from that read (the desired capacity is an absolute value), so a tick replayed after a
 * restart neither repeats nor skips a termination.
 *
 * <p>Only going forward, with no warm-up (a new instance counts once it is healthy), nothing ending the rollout, and no
 * checkpoint pause due after the batch. A rollback drops the next batch: it starts from what the group holds.
 */
final class HeadStart {

    /**
     * How often a batch whose instances the pace spreads polls while they come: they turn healthy about as fast as the
     * pace terminated the ones they replace, so a second lets the next batch's terminations follow within a second, for
     * one read of the group a second.
     */
    static final Duration POLL = Duration.ofSeconds(1);

    private HeadStart() {}

    /** Whether the batch in flight may give the next one a head start. */
    static boolean allowed(AsgRolloutRequest request, AsgRolloutCursor cursor) {
        RollingProgress rolling = cursor.rolling();
        return !rolling.reverse() && cursor.ending() == null && cursor.facts().warmup().isZero() && rolling.batch() != null
                && !pausesAfter(request, cursor, rolling.batch());
    }

    /**
     * Whether {@code batch} is larger than the pace lets leave at once, so that its new instances turn healthy spread
     * over time and the next batch has a head start worth polling for every {@link #POLL}. A smaller batch turns healthy
     * at once and keeps the usual polls.
     */
    static boolean spread(BatchState batch, TickContext context) {
        return batch.size() > GroupChanges.pacer(context.aws()).perSecond();
    }

    /**
     * When a spread batch looks again, given the usual {@code delay}: every {@link #POLL} from the moment its first new
     * instance may be healthy (the last batch showed how long after its last launch its instances were all healthy;
     * this batch's first launch was about the pace's spread before its last) and while old instances wait to leave
     * (they leave as new ones turn healthy), so each leaves within a second of the new instance it waits for. Before
     * that moment, and in a first batch that knows nothing yet until one of its new instances is healthy, the usual
     * polls. Never the fine polls of a batch's end: the next batch has already started.
     */
    static Duration pollDelay(AsgRolloutCursor cursor, BatchState batch, Instant launched, Instant now, Duration delay,
            boolean leavingToCome, TickContext context) {
        Duration atMost = cursor.rolling().launchToHealthyAtMost();
        if (leavingToCome) {
            return POLL;
        }
        if (atMost == null) {
            return delay;
        }
        Duration spread = Duration.ofMillis(1000L * batch.size() / Math.max(1, GroupChanges.pacer(context.aws()).perSecond()));
        Instant firstDue = launched.plus(atMost).minus(spread).minus(POLL);
        if (!now.isBefore(firstDue)) {
            return POLL;
        }
        Duration untilDue = Duration.between(now, firstDue);
        return delay.compareTo(untilDue) < 0 ? delay : untilDue;
    }

    /** Whether a checkpoint pause is due once {@code batch} is done (the next batch must not start before it). */
    static boolean pausesAfter(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch) {
        return !request.checkpointDelay().isZero() && BatchSteps.Checkpoints.after(request, cursor, batch).pauses();
    }

    /**
     * The cursor with the next batch chosen, if it is not yet and there is one: chosen from {@code fleet} as it will be
     * once the batch in flight is done. Choosing changes nothing in AWS.
     */
    static AsgRolloutCursor choose(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context) {
        RollingProgress rolling = cursor.rolling();
        if (rolling.next() != null) {
            return cursor;
        }
        BatchState batch = rolling.batch();
        BatchPlanner.Batch chosen = BatchPlanner.following(fleet, batch, RollingPhases.outOfDate(request, cursor),
                cursor.facts().limits(), request.batchSize(), request.scaleInProtectedInstances());
        if (chosen.size() == 0) {
            return cursor;
        }
        BatchState next = BatchState.of(batch.number() + 1, chosen, batch.desiredAfter(), batch.desiredAfter()
                - chosen.withoutReplacement().size(), batch.expectedOnTarget() + chosen.launches());
        FleetTimeline.batch(context, rolling, next);
        context.progress().report("ROLL", RollingPhases.batchLine(request, cursor, next, fleet) + "; it starts before batch "
                + batch.number() + " ends, one old instance for each new one healthy.");
        return cursor.withRolling(rolling.withNext(next));
    }

    /**
     * Whether {@code retiree}, an old instance of the batch in flight retired after its replacement, is terminated with
     * the desired capacity going down, given the desired capacity {@code desired} before its call: not while the next
     * batch launches first into that capacity.
     */
    static boolean decrements(@CheckForNull BatchState next, int desired) {
        return next == null || desired > next.desiredDuring();
    }

    /**
     * What a round did: the cursor (next batch chosen, terminations recorded), when to come back for the ones the pace
     * held back (null when none was), and whether old instances are still to leave as new ones turn healthy.
     */
    record Round(AsgRolloutCursor cursor, @CheckForNull Instant next, boolean leavingToCome) {}

    /**
     * One round at a poll of the batch in flight while its new instances come: as many old instances leave as new ones
     * are healthy above the floor, the batch's own retired instances first, then the next batch's. {@code fresh} counts
     * the healthy in-service instances on the target configuration in {@code fleet}.
     */
    static Round run(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, int fresh, TickContext context) {
        int room = fleet.healthy() - cursor.facts().limits().floor();
        if (room > 0) {
            cursor = choose(request, cursor, fleet, context);
        }
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        BatchState next = rolling.next();
        List<String> ids = new ArrayList<>(batch.retireAfter());
        if (next != null) {
            ids.addAll(next.replaceFirst());
        }
        Map<String, FleetMember> present = new HashMap<>();
        fleet.present(new HashSet<>(ids)).forEach(m -> present.put(m.id(), m));
        // One old instance leaves for each of the batch's new instances healthy, so no more instances are on their way
        // than the batch size, and the floor holds.
        int healthyNew = fresh - (batch.expectedOnTarget() - batch.launches());
        room = Math.min(room, healthyNew - (ids.size() - present.size()));
        if (present.isEmpty() || next == null && !spread(batch, context)) {
            // A batch whose new instances turn healthy at once retires its old ones then, unless the next batch needs
            // the capacity they leave.
            return new Round(cursor, null, false);
        }
        Set<String> retirees = new HashSet<>(batch.retireAfter());
        Map<String, Boolean> decrementById = new LinkedHashMap<>();
        int desired = fleet.desired();
        for (String id : ids) {
            FleetMember member = present.get(id);
            if (member == null) {
                continue;
            }
            if (member.healthy()) {
                if (room <= 0) {
                    continue;
                }
                room--;
            }
            boolean decrement = retirees.contains(id) && decrements(next, desired);
            desired -= decrement ? 1 : 0;
            decrementById.put(id, decrement);
        }
        if (decrementById.isEmpty()) {
            // Old instances wait for new ones: they leave as those turn healthy, which one has already.
            return new Round(cursor, null, healthyNew > 0);
        }
        GroupChanges.Terminations round = GroupChanges.terminate(context.aws(), fleet, decrementById);
        List<String> asked = round.asked();
        BatchState after = batch.withTerminated(asked.stream().filter(retirees::contains).toList());
        BatchState nextAfter = next == null ? null : next.withTerminated(asked.stream().filter(id -> !retirees.contains(id)).toList());
        if (round.heldBack() != null) {
            context.progress().warn("AWS", AwsFailure.of(round.heldBack()).sentence() + "; " + asked.size() + " of "
                    + decrementById.size() + " old instances of " + request.autoScalingGroup() + " asked to terminate, the rest later.");
        }
        return new Round(cursor.withRolling(rolling.withBatch(after).withNext(nextAfter).withTerminationsLeft(round.left(decrementById))),
                round.next(), asked.size() < present.size());
    }

    /**
     * What is left of the next batch once the batch in flight ({@code done}) is done, as the batch now in flight, or
     * null when nothing is: its old instances already leaving stay in it, and the others only as far as the floor
     * allows on {@code fleet} (more of them leave in later batches). When the rollout is ending, only what is already
     * under way stays: the instances already leaving, and the instances launched first into capacity the batch before
     * kept for them, which then retire as planned.
     */
    static @CheckForNull BatchState promote(AsgRolloutCursor cursor, Fleet fleet, BatchState done) {
        BatchState next = cursor.rolling().next();
        if (next == null) {
            return null;
        }
        Map<String, FleetMember> present = new HashMap<>();
        fleet.present(new HashSet<>(next.all())).forEach(m -> present.put(m.id(), m));
        boolean ending = cursor.ending() != null;
        int room = fleet.healthy() - cursor.facts().limits().floor();
        List<String> replaceFirst = new ArrayList<>();
        for (String id : next.replaceFirst()) {
            // Already leaving: it stays in the batch. Still there: while the floor allows, and not when ending.
            FleetMember member = present.get(id);
            if (member == null || !ending && (!member.healthy() || room-- > 0)) {
                replaceFirst.add(id);
            }
        }
        List<String> withoutReplacement = new ArrayList<>();
        for (String id : next.withoutReplacement()) {
            FleetMember member = present.get(id);
            if (member == null || !ending && (!member.healthy() || room-- > 0)) {
                withoutReplacement.add(id);
            }
        }
        List<String> retireAfter = new ArrayList<>(next.retireAfter());
        if (ending) {
            int launchedFirst = Math.max(0, fleet.desired() - done.desiredAfter());
            retireAfter = new ArrayList<>(retireAfter.subList(0, Math.min(launchedFirst, retireAfter.size())));
        }
        BatchPlanner.Batch left = new BatchPlanner.Batch(replaceFirst, withoutReplacement, retireAfter,
                ending ? List.of() : next.standbyToTerminate());
        if (left.size() == 0) {
            return null;
        }
        return BatchState.of(next.number(), left, done.desiredAfter(), done.desiredAfter() - withoutReplacement.size(),
                done.expectedOnTarget() + left.launches()).withTerminated(next.terminated());
    }
}
