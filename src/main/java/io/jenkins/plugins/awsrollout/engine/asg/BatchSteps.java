package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.Activity;

/**
 * The steps of one rolling batch ({@link BatchState.Step}). Each step works from the group as the tick read it and
 * does only what is still needed, so a step replayed after a restart neither repeats nor skips anything: instances
 * already deregistered are not deregistered again, instances already leaving are not terminated again, and the
 * desired capacity is set to an absolute value. A step that changed something in AWS ends the tick (the next step
 * reads the group again after the cursor is saved); a step that changed nothing passes on to the next one in the
 * same tick, on the same read, so the steps with nothing to do cost no call.
 */
final class BatchSteps {

    /** Extra time allowed past the deregistration delay before a draining instance is terminated anyway. */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(10);

    /**
     * New instances of one batch that may fail their health checks (and be replaced by Auto Scaling) before the batch
     * fails, as an instance refresh counts them.
     */
    static final int FAILED_LAUNCHES = 3;

    /** How close a batch's polls look for the moment its new instances are healthy, once the last batch showed when. */
    static final Duration FINE_STEP = Duration.ofMillis(100);

    /** Polls at most in the window the last batch showed: each batch narrows the next one's window as many times. */
    static final int WINDOW_STEPS = 8;

    /** Steps passed on in one tick at most (a batch has ten, plus the choice of the next batch): bounds a tick's work. */
    static final int PASSES_PER_TICK = 16;

    private BatchSteps() {}

    /**
     * One step of the batch in flight, on {@code fleet} as this tick read it; {@code passes} counts the steps this tick
     * already passed on from.
     */
    static Tick<AsgRolloutCursor> step(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context,
            int passes) {
        AwsSession aws = context.aws();
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        Instant now = context.now();
        switch (batch.step()) {
            case SURGE -> {
                // Auto Scaling takes the instances leaving first out of their load balancers itself and waits for the
                // deregistration delay while they are Terminating, which no longer counts against the ceiling: their
                // replacements boot during the drain (see TERMINATE_FIRST).
                if (!batch.retireAfter().isEmpty() && fleet.desired() < batch.desiredDuring()) {
                    GroupChanges.setDesired(aws, request.autoScalingGroup(), batch.desiredDuring());
                    return changed(cursor, batch.at(BatchState.Step.TERMINATE_FIRST));
                }
                return pass(request, cursor, batch.at(BatchState.Step.TERMINATE_FIRST), fleet, context, passes);
            }
            case DEREGISTER_FIRST -> {
                List<String> done = LoadBalancerMembers.deregister(aws, fleet, batch.leavingFirst());
                BatchState after = batch.withDeregistered(done);
                return done.isEmpty() ? pass(request, cursor, after.at(BatchState.Step.TERMINATE_FIRST), fleet, context, passes)
                        : changed(cursor, after.at(BatchState.Step.DRAIN_FIRST).until(now.plus(cursor.facts().drainDelay()).plus(DRAIN_MARGIN)));
            }
            case DRAIN_FIRST, DRAIN_RETIRE -> {
                List<String> ids = batch.step() == BatchState.Step.DRAIN_FIRST ? batch.leavingFirst() : batch.retireAfter();
                List<String> draining = LoadBalancerMembers.draining(fleet, ids);
                if (!draining.isEmpty() && now.isBefore(batch.until())) {
                    Poll poll = cursor.poll().observe("drain|" + draining.size());
                    // The deregistration delay ends at a known moment: poll then, not up to a whole backoff later.
                    Instant drained = batch.until().minus(DRAIN_MARGIN);
                    Duration delay = min(poll.nextDelay(context.random(), now, drained), Duration.between(now, batch.until()));
                    return Tick.after(cursor.withPoll(poll).waiting(draining.size() + " instance" + (draining.size() == 1 ? "" : "s")
                            + " of " + request.autoScalingGroup() + " to drain (deregistration delay "
                            + HumanDuration.of(cursor.facts().drainDelay()) + ")"), delay);
                }
                return pass(request, cursor, batch.at(batch.step() == BatchState.Step.DRAIN_FIRST
                        ? BatchState.Step.TERMINATE_FIRST : BatchState.Step.TERMINATE_RETIRE), fleet, context, passes);
            }
            case TERMINATE_FIRST -> {
                Map<String, Boolean> decrementById = new LinkedHashMap<>();
                batch.withoutReplacement().forEach(id -> decrementById.put(id, true));
                batch.replaceFirst().forEach(id -> decrementById.putIfAbsent(id, false));
                batch.standbyToTerminate().forEach(id -> decrementById.putIfAbsent(id, false));
                GroupChanges.Terminations round = GroupChanges.terminate(aws, fleet, decrementById);
                if (round.asked().isEmpty() && round.next() == null) {
                    return pass(request, cursor, batch.at(BatchState.Step.AWAIT_HEALTHY)
                            .withHealthDeadline(now.plus(request.healthCheckTimeout())), fleet, context, passes);
                }
                return terminated(request, cursor, batch, round, decrementById, context);
            }
            case AWAIT_HEALTHY -> {
                return awaitHealthy(request, cursor, fleet, context, passes);
            }
            case WARMUP -> {
                if (now.isBefore(batch.until())) {
                    return Tick.after(cursor, Duration.between(now, batch.until()));
                }
                boolean stillHealthy = freshHealthy(request, cursor, fleet) >= batch.expectedOnTarget();
                return pass(request, cursor, batch.at(stillHealthy ? BatchState.Step.TERMINATE_RETIRE : BatchState.Step.AWAIT_HEALTHY),
                        fleet, context, passes);
            }
            case DEREGISTER_RETIRE -> {
                List<String> done = LoadBalancerMembers.deregister(aws, fleet, batch.retireAfter());
                BatchState after = batch.withDeregistered(done);
                return done.isEmpty() ? pass(request, cursor, after.at(BatchState.Step.TERMINATE_RETIRE), fleet, context, passes)
                        : changed(cursor, after.at(BatchState.Step.DRAIN_RETIRE).until(now.plus(cursor.facts().drainDelay()).plus(DRAIN_MARGIN)));
            }
            case TERMINATE_RETIRE -> {
                // With the next batch launching first, the capacity stays up for it: each retired instance's
                // replacement is one of its launches (HeadStart).
                if (HeadStart.allowed(request, cursor)) {
                    cursor = HeadStart.choose(request, cursor, fleet, context);
                }
                BatchState next = cursor.rolling().next();
                Map<String, Boolean> decrementById = new LinkedHashMap<>();
                int desired = fleet.desired();
                for (FleetMember member : fleet.present(new HashSet<>(batch.retireAfter()))) {
                    boolean decrement = HeadStart.decrements(next, desired);
                    desired -= decrement ? 1 : 0;
                    decrementById.put(member.id(), decrement);
                }
                GroupChanges.Terminations round = GroupChanges.terminate(aws, fleet, decrementById);
                if (round.asked().isEmpty() && round.next() == null) {
                    return pass(request, cursor, batch.at(BatchState.Step.DONE), fleet, context, passes);
                }
                return terminated(request, cursor, batch, round, decrementById, context);
            }
            default -> {
                return batchDone(request, cursor, fleet, context, passes);
            }
        }
    }

    /**
     * After a round of terminations: when none is left, the next step reads the group again. Otherwise the next round
     * comes when the controller's pace has permits again, or when AWS may take the calls it held back (throttling).
     */
    private static Tick<AsgRolloutCursor> terminated(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch,
            GroupChanges.Terminations round, Map<String, Boolean> decrementById, TickContext context) {
        BatchState after = batch.withTerminated(round.asked());
        if (round.next() == null) {
            return changed(cursor, after);
        }
        cursor = cursor.withRolling(cursor.rolling().withTerminationsLeft(round.left(decrementById)));
        Duration delay = Duration.between(context.now(), round.next());
        delay = delay.isNegative() ? Duration.ZERO : delay;
        if (round.heldBack() != null) {
            context.progress().warn("AWS", AwsFailure.of(round.heldBack()).sentence() + "; " + after.terminated().size() + " of "
                    + batch.all().size() + " instances of batch " + batch.number() + " of " + request.autoScalingGroup()
                    + " asked to terminate, the rest in " + HumanDuration.of(delay) + ".");
        } else if (batch.terminated().isEmpty() && !delay.isZero()) {
            context.progress().report(cursor.rolling().reverse() ? "ROLLBACK" : "ROLL", "Batch " + batch.number() + ": terminating "
                    + "instances of " + request.autoScalingGroup() + " at " + GroupChanges.pacer(context.aws()).perSecond()
                    + " per second (the Auto Scaling writes per second of Manage Jenkins » System » AWS Rollout).");
        }
        return Tick.after(cursor.withRolling(cursor.rolling().withBatch(after)), delay);
    }

    /**
     * The next round of the terminations the last round left ({@link RollingProgress#terminationsLeft}): it goes on
     * without reading the group and its load balancers again, since what it asks for was decided on the last read
     * (within the floor, and each instance's decrement on the desired capacity then). One read of just those instances
     * skips any that left meanwhile, so a round replayed after a restart asks for none twice.
     */
    static Tick<AsgRolloutCursor> carryOn(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        RollingProgress rolling = cursor.rolling();
        Map<String, Boolean> left = rolling.terminationsLeft();
        GroupChanges.Terminations round = GroupChanges.terminateRest(context.aws(), request.autoScalingGroup(), left);
        BatchState batch = rolling.batch();
        BatchState next = rolling.next();
        if (batch != null) {
            batch = batch.withTerminated(round.asked().stream().filter(batch.all()::contains).toList());
        }
        if (next != null) {
            next = next.withTerminated(round.asked().stream().filter(next.all()::contains).toList());
        }
        Map<String, Boolean> stillLeft = round.left(left);
        Instant now = context.now();
        Duration delay = round.next() == null || round.next().isBefore(now) ? Duration.ZERO : Duration.between(now, round.next());
        if (round.heldBack() != null) {
            context.progress().warn("AWS", AwsFailure.of(round.heldBack()).sentence() + "; " + stillLeft.size() + " old instance"
                    + (stillLeft.size() == 1 ? "" : "s") + " of " + request.autoScalingGroup() + " still to be asked to terminate, in "
                    + HumanDuration.of(delay) + ".");
        }
        return Tick.after(cursor.withRolling(rolling.withBatch(batch).withNext(next).withTerminationsLeft(stillLeft)), delay);
    }

    private static Tick<AsgRolloutCursor> awaitHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context, int passes) {
        BatchState batch = watch(request, cursor, fleet);
        cursor = cursor.withRolling(cursor.rolling().withBatch(batch));
        int fresh = freshHealthy(request, cursor, fleet);
        Instant now = context.now();
        Instant launched = batch.healthDeadline().minus(request.healthCheckTimeout());
        // Pending instances are the next batch's when it has a head start, else this batch's, which it waits for.
        if (fresh >= batch.expectedOnTarget() && (fleet.pending() == 0 || cursor.rolling().next() != null)) {
            cursor = cursor.withRolling(cursor.rolling().learned(batch.lastComing() == null ? null
                    : Duration.between(launched, batch.lastComing()), Duration.between(launched, now)));
            Duration warmup = cursor.facts().warmup();
            return pass(request, cursor, warmup.isZero() ? batch.at(BatchState.Step.TERMINATE_RETIRE)
                    : batch.at(BatchState.Step.WARMUP).until(now.plus(warmup)), fleet, context, passes);
        }
        if (batch.failedLaunches().size() >= FAILED_LAUNCHES) {
            return RollingPhases.batchFailed(request, cursor, fleet, batch.failedLaunches().size() + " new instances failed their health checks, "
                    + "first " + first(List.copyOf(batch.failedLaunches().values())), context);
        }
        List<String> notYet = notHealthy(request, cursor, fleet);
        if (now.isAfter(batch.healthDeadline())) {
            String launches = lastFailedLaunch(context.aws(), request.autoScalingGroup(),
                    batch.healthDeadline().minus(request.healthCheckTimeout()));
            return RollingPhases.batchFailed(request, cursor, fleet, (notYet.isEmpty() ? "new instances did not launch" : "new instances were not "
                    + "healthy") + " after " + HumanDuration.of(request.healthCheckTimeout()) + " (healthCheckTimeoutMinutes)"
                    // The cause: the first instance that failed and left, else the first still not healthy.
                    + (!batch.failedLaunches().isEmpty() ? ", first " + first(List.copyOf(batch.failedLaunches().values()))
                            : notYet.isEmpty() ? "" : ", first " + first(notYet))
                    + (launches == null ? "" : "; the last failed launch said: " + launches), context);
        }
        Poll poll = cursor.poll().observe("await|" + fresh + "|" + String.join(",", notYet));
        String label = cursor.rolling().reverse() ? "ROLLBACK" : "ROLL";
        if (poll.quietPolls() == 0) {
            context.progress().report(label, "Batch " + batch.number() + ": " + Math.max(0, fresh - (batch.expectedOnTarget()
                    - batch.launches())) + " of " + batch.launches() + " new instances healthy"
                    + (notYet.isEmpty() ? "" : " (" + String.join(", ", limit(notYet, 5)) + ")") + "; " + RollingPhases.capacity(cursor, fleet) + "; "
                    + HumanDuration.of(Duration.between(now, cursor.deadline())) + " left.");
        }
        Duration delay = healthPollDelay(cursor, poll, launched, now, context);
        delay = min(delay, Duration.between(now, batch.healthDeadline()).plusSeconds(1));
        if (HeadStart.allowed(request, cursor)) {
            HeadStart.Round round = HeadStart.run(request, cursor, fleet, fresh, context);
            cursor = round.cursor();
            batch = cursor.rolling().batch();
            if (round.next() != null) {
                delay = min(delay, Duration.between(now, round.next()).isNegative() ? Duration.ZERO : Duration.between(now, round.next()));
            }
            if (HeadStart.spread(batch, context)) {
                delay = HeadStart.pollDelay(cursor, batch, launched, now, delay, round.leavingToCome(), context);
            }
        }
        cursor = cursor.withRolling(cursor.rolling().withBatch(batch.comingAt(now)));
        return Tick.after(cursor.withPoll(poll).waiting(batch.launches() + " new instance" + (batch.launches() == 1 ? "" : "s")
                + " of " + request.autoScalingGroup() + " to become healthy (batch " + batch.number() + ")"), delay);
    }

    /**
     * When to look again at a batch's new instances. The end of a batch is the start of the next, so it is looked for
     * closely. The first batch knows nothing of when its instances will be healthy: it polls at the first poll
     * interval, without backing off. A later batch knows from the one before the window in which its instances should
     * turn healthy (after the last poll that saw them coming, at the latest when they were first seen healthy): the
     * polls back off as usual until the window opens, then come an eighth of the window apart (at least
     * {@link #FINE_STEP}), so the batch ends within that of its instances being healthy and teaches the next one a
     * window eight times narrower, down to {@code FINE_STEP}. Past the window (slower instances), the usual schedule
     * after a due moment.
     */
    private static Duration healthPollDelay(AsgRolloutCursor cursor, Poll poll, Instant launched, Instant now,
            TickContext context) {
        RollingProgress rolling = cursor.rolling();
        Duration backoff = poll.nextDelay(context.random());
        if (rolling.launchToHealthyAtMost() == null) {
            return min(backoff, poll.backoff().initial());
        }
        Duration lo = rolling.launchToHealthy() == null ? Duration.ZERO : rolling.launchToHealthy();
        Instant opens = launched.plus(lo);
        Instant end = launched.plus(rolling.launchToHealthyAtMost());
        if (!now.isBefore(end) || !opens.isBefore(end)) {
            return poll.nextDelay(context.random(), now, end);
        }
        Duration step = Duration.between(opens, end).dividedBy(WINDOW_STEPS);
        step = step.compareTo(FINE_STEP) < 0 ? FINE_STEP : step;
        Instant next = (now.isBefore(opens) ? opens : now).plus(step);
        return min(backoff, Duration.between(now, next.isAfter(end) ? end : next));
    }

    /**
     * Follows the instances launched for the batch: one that leaves the group (Auto Scaling replaced it for failing
     * its health checks, or its launch failed) before it was ever healthy counts as a failed launch.
     */
    private static BatchState watch(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        BatchState batch = cursor.rolling().batch();
        Predicate<FleetMember> outOfDate = RollingPhases.outOfDate(request, cursor);
        Set<String> start = cursor.facts().startMembers();
        Map<String, String> watching = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (FleetMember member : fleet.members()) {
            if (!start.contains(member.id()) && !outOfDate.test(member) && !member.leaving() && !member.healthy()) {
                watching.put(member.id(), member.describeHealth());
            }
        }
        Map<String, FleetMember> byId = new HashMap<>();
        fleet.members().forEach(m -> byId.put(m.id(), m));
        batch.watching().forEach((id, last) -> {
            FleetMember member = byId.get(id);
            if (member == null || member.leaving()) {
                failed.put(id, last);
            }
        });
        return batch.watched(watching, failed);
    }

    /**
     * The status message of the latest failed scaling activity since {@code since}, or null: one
     * DescribeScalingActivities, only when a batch has already failed, to say why launches did not happen.
     */
    private static String lastFailedLaunch(AwsSession aws, String group, Instant since) {
        for (Activity activity : aws.autoScaling().describeScalingActivities(r -> r.autoScalingGroupName(group).maxRecords(20))
                .activities()) {
            if ("Failed".equals(activity.statusCodeAsString()) && activity.startTime() != null
                    && !activity.startTime().isBefore(since) && activity.statusMessage() != null) {
                return activity.statusMessage().strip().replaceAll("\\.+$", "");
            }
        }
        return null;
    }

    /** The first of {@code reasons} and how many more: the failure sentence names one cause, the log has them all. */
    private static String first(List<String> reasons) {
        return reasons.get(0) + (reasons.size() > 1 ? " and " + (reasons.size() - 1) + " more" : "");
    }

    private static Tick<AsgRolloutCursor> batchDone(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context, int passes) {
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        GroupFacts facts = cursor.facts();
        Checkpoints reached = Checkpoints.after(request, cursor, batch);
        int done = reached.done();
        String label = rolling.reverse() ? "ROLLBACK" : "ROLL";
        context.progress().report(label, "Batch " + batch.number() + " done: " + (rolling.reverse() ? "replaced " + batch.size()
                + " instance" + (batch.size() == 1 ? "" : "s") + " launched by the rollout" : done + " of " + facts.toReplace()
                + " instances replaced") + "; " + RollingPhases.capacity(cursor, fleet) + ".");
        Instant pause = reached.pauses() ? context.now().plus(request.checkpointDelay()) : null;
        if (pause != null && !request.checkpointDelay().isZero()) {
            context.progress().report("CHECKPOINT", reached.percent() + "% of the instances of " + request.autoScalingGroup()
                    + " replaced (" + done + " of " + facts.toReplace() + "): pausing " + HumanDuration.of(request.checkpointDelay())
                    + " before the next batch.");
        }
        RollingProgress after = rolling.batchDone(batch.all(), reached.next(), pause);
        BatchState promoted = HeadStart.promote(cursor, fleet, batch);
        if (promoted != null) {
            // The next batch had a head start: it goes on from where it is.
            after = after.withBatch(promoted);
        }
        String waiting = pause == null ? "the next batch of " + request.autoScalingGroup()
                : "the checkpoint pause of " + request.autoScalingGroup() + " to end";
        // Nothing changed in AWS: the next batch is chosen from the same read.
        return onward(request, cursor.withRolling(after).withPoll(cursor.poll().observe("done|" + batch.number())).waiting(waiting),
                fleet, context, passes);
    }

    private static int freshHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        Predicate<FleetMember> outOfDate = RollingPhases.outOfDate(request, cursor);
        return (int) fleet.count(m -> m.healthy() && !outOfDate.test(m));
    }

    private static List<String> notHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        Predicate<FleetMember> outOfDate = RollingPhases.outOfDate(request, cursor);
        return fleet.members().stream()
                .filter(m -> !m.leaving() && !m.standby() && !m.healthy() && !outOfDate.test(m))
                .map(FleetMember::describeHealth)
                .collect(Collectors.toList());
    }

    /** AWS changed: the next step reads the group again, in a tick of its own after the cursor is saved. */
    private static Tick<AsgRolloutCursor> changed(AsgRolloutCursor cursor, BatchState batch) {
        return Tick.after(cursor.withRolling(cursor.rolling().withBatch(batch)), Duration.ZERO);
    }

    /** Nothing changed in AWS: the next step works from the same read, in this tick. */
    private static Tick<AsgRolloutCursor> pass(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch, Fleet fleet,
            TickContext context, int passes) {
        return onward(request, cursor.withRolling(cursor.rolling().withBatch(batch)), fleet, context, passes);
    }

    /** Goes on from {@code cursor} on the same read, unless this tick has already passed on {@link #PASSES_PER_TICK} times. */
    static Tick<AsgRolloutCursor> onward(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context,
            int passes) {
        if (passes >= PASSES_PER_TICK) {
            return Tick.after(cursor, Duration.ZERO);
        }
        return RollingPhases.roll(request, cursor, fleet, context, passes + 1);
    }

    static List<String> limit(List<String> ids, int max) {
        if (ids.size() <= max) {
            return ids;
        }
        List<String> shown = new ArrayList<>(ids.subList(0, max));
        shown.add("and " + (ids.size() - max) + " more");
        return shown;
    }

    /**
     * Where the rollout stands once {@code batch} is done: how many instances are replaced (in reverse, how many of the
     * batch), what percentage of them, the index of the next checkpoint not yet reached, and whether a checkpoint
     * below 100% is crossed with instances left to replace, which pauses the rollout unless it is ending.
     */
    record Checkpoints(int done, int percent, int next, boolean pauses) {

        static Checkpoints after(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch) {
            RollingProgress rolling = cursor.rolling();
            GroupFacts facts = cursor.facts();
            Set<String> replaced = new HashSet<>(rolling.replaced());
            replaced.addAll(batch.all());
            int total = Math.max(facts.toReplace(), 1);
            int done = rolling.reverse() ? batch.size() : Math.min(replaced.size(), total);
            int percent = done * 100 / total;
            int next = rolling.nextCheckpoint();
            boolean pauses = false;
            while (!rolling.reverse() && next < request.checkpoints().size() && percent >= request.checkpoints().get(next)) {
                pauses |= request.checkpoints().get(next) < 100 && done < facts.toReplace() && cursor.ending() == null;
                next++;
            }
            return new Checkpoints(done, percent, next, pauses);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
