package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * The {@code rolling} strategy: the plugin replaces batch after batch itself, gating each on load balancer health.
 * Every tick reads the group once ({@link FleetReader}: one call per resource kind) and does one step of the batch
 * in flight; see {@link BatchState.Step} for the steps and {@link BatchPlanner} for how a batch is chosen. The
 * rollback is the same machine run backwards: the group is pinned back to the previous version and the instances the
 * rollout launched are replaced under the same floor.
 */
final class RollingPhases {

    /** Extra time allowed past the deregistration delay before a draining instance is terminated anyway. */
    static final Duration DRAIN_MARGIN = Duration.ofSeconds(10);

    /**
     * New instances of one batch that may fail their health checks (and be replaced by Auto Scaling) before the batch
     * fails, as an instance refresh counts them.
     */
    static final int FAILED_LAUNCHES = 3;

    private RollingPhases() {}

    /** Pins the group to the target, applies the sizes and makes room for instances launched first. */
    static Tick<AsgRolloutCursor> apply(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        AutoScalingGroup group = FleetReader.requireGroup(aws, request.autoScalingGroup());
        TemplatePlan template = cursor.template();
        Integer maxSize = cursor.maxSizeToRestore() != null ? Integer.valueOf(cursor.facts().limits().ceiling()) : request.maxSize();
        GroupChanges.update(aws, group, template.template(), template.targetVersion(), request.minSize(), maxSize,
                request.desiredCapacity());
        context.progress().report("ROLL", request.autoScalingGroup() + " now launches " + template.target().describe()
                + (cursor.maxSizeToRestore() == null ? "" : "; maximum size raised to " + maxSize + " for instances launched first"
                        + " (back to " + cursor.maxSizeToRestore() + " at the end)") + ".");
        RollingProgress rolling = RollingProgress.forward(template.target()).withPinned();
        return Tick.after(cursor.withRolling(rolling).at(AsgRolloutCursor.Phase.ROLL, "the first batch of " + request.autoScalingGroup()),
                Duration.ZERO);
    }

    /**
     * The start of a rolling rollback: instances a batch took out of their load balancers but did not terminate go back
     * in, and the group is pinned to the previous version again. Then the batches run in reverse.
     */
    static Tick<AsgRolloutCursor> repin(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        AutoScalingGroup group = FleetReader.requireGroup(aws, request.autoScalingGroup());
        Fleet fleet = FleetReader.read(aws, group);
        RollingProgress rolling = cursor.rolling() != null ? cursor.rolling() : RollingProgress.forward(cursor.template().target());
        BatchState batch = rolling.batch();
        if (batch != null) {
            List<String> halfway = new ArrayList<>(batch.deregistered());
            halfway.removeAll(batch.terminated());
            List<String> back = fleet.present(new HashSet<>(halfway)).stream().map(FleetMember::id).toList();
            if (!back.isEmpty()) {
                LoadBalancerMembers.register(aws, fleet, back);
                context.progress().report("ROLLBACK", "Registered " + String.join(", ", back) + " again: they had been taken "
                        + "out of the load balancers but not terminated.");
            }
        }
        TemplatePlan template = cursor.template();
        GroupChanges.update(aws, group, template.template(), template.previousVersion(), null, null, null);
        // Capacity raised for launches that never came is given back; nothing running is terminated by it.
        int baseline = cursor.facts().limits().desired();
        int running = (int) fleet.count(m -> m.inService() || m.pending());
        if (fleet.desired() > baseline && running < fleet.desired()) {
            int desired = Math.max(baseline, running);
            GroupChanges.setDesired(aws, request.autoScalingGroup(), desired);
            context.progress().report("ROLLBACK", "Desired capacity of " + request.autoScalingGroup() + " back to " + desired
                    + ": " + (fleet.desired() - running) + " instance" + (fleet.desired() - running == 1 ? "" : "s")
                    + " launched for the rollout never came.");
        }
        long launched = fleet.members().stream().filter(m -> !m.leaving()).filter(reverseOutOfDate(cursor)).count();
        context.progress().warn("ROLLBACK", request.autoScalingGroup() + " launches " + template.previous().describe()
                + " again; replacing the " + launched + " instance" + (launched == 1 ? "" : "s") + " this rollout launched, keeping "
                + cursor.facts().limits().floor() + " healthy.");
        RollingProgress reversed = rolling.reversed(template.previous()).withPinned();
        return Tick.after(cursor.withRolling(reversed).at(AsgRolloutCursor.Phase.ROLL, "the rollback of "
                + request.autoScalingGroup() + " to version " + template.previousVersion()), Duration.ZERO);
    }

    /** One tick of the batches. */
    static Tick<AsgRolloutCursor> roll(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        Fleet fleet = FleetReader.read(aws, request.autoScalingGroup());
        RollingProgress rolling = cursor.rolling();
        Ending ending = cursor.ending();
        if (rolling.batch() == null) {
            if (ending != null && ending.mode() != Ending.Mode.ROLLBACK) {
                return Tick.after(cursor.finishing(stoppedOutcome(cursor, fleet)), Duration.ZERO);
            }
            if (rolling.pauseUntil() != null) {
                if (context.now().isBefore(rolling.pauseUntil())) {
                    return Tick.after(cursor, Duration.between(context.now(), rolling.pauseUntil()));
                }
                cursor = cursor.withRolling(rolling = rolling.resumed());
            }
            return choose(request, cursor, fleet, context);
        }
        return step(request, cursor, fleet, context);
    }

    private static Tick<AsgRolloutCursor> choose(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context) {
        RollingProgress rolling = cursor.rolling();
        GroupFacts facts = cursor.facts();
        Predicate<FleetMember> outOfDate = outOfDate(request, cursor);
        BatchPlanner.Decision decision = BatchPlanner.next(fleet, outOfDate, facts.limits(), request.batchSize(),
                request.scaleInProtectedInstances(), request.standbyInstances());
        if (decision instanceof BatchPlanner.Converged converged) {
            if (!converged.skipped().isEmpty()) {
                context.progress().warn("ROLL", "Left on their current configuration: " + String.join(", ", converged.skipped()) + ".");
            }
            Outcome outcome = rolling.reverse()
                    ? new Outcome(Outcome.Status.RolledBack, cursor.ending().prefix() + "Rolled " + request.autoScalingGroup()
                            + " back to " + cursor.template().previous().describe() + ": the instances this rollout launched were "
                            + "replaced.")
                    : Outcome.successful();
            return Tick.after(cursor.finishing(outcome), Duration.ZERO);
        }
        if (decision instanceof BatchPlanner.Wait wait) {
            Instant since = rolling.waitingSince() == null ? context.now() : rolling.waitingSince();
            if (Duration.between(since, context.now()).compareTo(request.healthCheckTimeout()) > 0) {
                return batchFailed(request, cursor, fleet, "waited " + HumanDuration.of(request.healthCheckTimeout())
                        + " (healthCheckTimeoutMinutes) for " + wait.reason(), context);
            }
            Poll poll = cursor.poll().observe("wait|" + wait.reason());
            if (poll.quietPolls() == 0) {
                context.progress().report(rolling.reverse() ? "ROLLBACK" : "ROLL", "Waiting for " + wait.reason() + ".");
            }
            return Tick.after(cursor.withRolling(rolling.waiting(since)).withPoll(poll).waiting(wait.reason()),
                    poll.nextDelay(context.random()));
        }
        BatchPlanner.Batch batch = (BatchPlanner.Batch) decision;
        int fresh = (int) fleet.count(m -> m.healthy() && !outOfDate.test(m));
        int desiredAfter = fleet.desired() - batch.withoutReplacement().size();
        BatchState state = BatchState.of(rolling.batchesDone() + 1, batch, fleet.desired(), desiredAfter, fresh + batch.launches());
        context.progress().report(rolling.reverse() ? "ROLLBACK" : "ROLL", batchLine(request, cursor, state, fleet)
                + "; " + HumanDuration.of(Duration.between(context.now(), cursor.deadline())) + " left.");
        return Tick.after(cursor.withRolling(rolling.withBatch(state)).waiting(batchWaiting(request, cursor, state)), Duration.ZERO);
    }

    private static Tick<AsgRolloutCursor> step(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context) {
        AwsSession aws = context.aws();
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        Instant now = context.now();
        switch (batch.step()) {
            case SURGE -> {
                if (!batch.retireAfter().isEmpty() && fleet.desired() < batch.desiredDuring()) {
                    GroupChanges.setDesired(aws, request.autoScalingGroup(), batch.desiredDuring());
                }
                return next(cursor, batch.at(BatchState.Step.DEREGISTER_FIRST));
            }
            case DEREGISTER_FIRST -> {
                List<String> done = LoadBalancerMembers.deregister(aws, fleet, batch.leavingFirst());
                BatchState after = batch.withDeregistered(done);
                return next(cursor, done.isEmpty() ? after.at(BatchState.Step.TERMINATE_FIRST)
                        : after.at(BatchState.Step.DRAIN_FIRST).until(now.plus(cursor.facts().drainDelay()).plus(DRAIN_MARGIN)));
            }
            case DRAIN_FIRST, DRAIN_RETIRE -> {
                List<String> ids = batch.step() == BatchState.Step.DRAIN_FIRST ? batch.leavingFirst() : batch.retireAfter();
                List<String> draining = LoadBalancerMembers.draining(fleet, ids);
                if (!draining.isEmpty() && now.isBefore(batch.until())) {
                    Poll poll = cursor.poll().observe("drain|" + draining.size());
                    Duration delay = min(poll.nextDelay(context.random()), Duration.between(now, batch.until()));
                    return Tick.after(cursor.withPoll(poll).waiting(draining.size() + " instance" + (draining.size() == 1 ? "" : "s")
                            + " of " + request.autoScalingGroup() + " to drain (deregistration delay "
                            + HumanDuration.of(cursor.facts().drainDelay()) + ")"), delay);
                }
                return next(cursor, batch.at(batch.step() == BatchState.Step.DRAIN_FIRST
                        ? BatchState.Step.TERMINATE_FIRST : BatchState.Step.TERMINATE_RETIRE));
            }
            case TERMINATE_FIRST -> {
                List<String> asked = new ArrayList<>(GroupChanges.terminate(aws, fleet, batch.withoutReplacement(), true));
                asked.addAll(GroupChanges.terminate(aws, fleet, batch.replaceFirst(), false,
                        GroupChanges.TERMINATIONS_PER_TICK - asked.size()));
                asked.addAll(GroupChanges.terminate(aws, fleet, batch.standbyToTerminate(), false,
                        GroupChanges.TERMINATIONS_PER_TICK - asked.size()));
                if (!asked.isEmpty()) {
                    return next(cursor, batch.withTerminated(asked));
                }
                return next(cursor, batch.at(BatchState.Step.AWAIT_HEALTHY).withHealthDeadline(now.plus(request.healthCheckTimeout())));
            }
            case AWAIT_HEALTHY -> {
                return awaitHealthy(request, cursor, fleet, context);
            }
            case WARMUP -> {
                if (now.isBefore(batch.until())) {
                    return Tick.after(cursor, Duration.between(now, batch.until()));
                }
                boolean stillHealthy = freshHealthy(request, cursor, fleet) >= batch.expectedOnTarget();
                return next(cursor, batch.at(stillHealthy ? BatchState.Step.DEREGISTER_RETIRE : BatchState.Step.AWAIT_HEALTHY));
            }
            case DEREGISTER_RETIRE -> {
                List<String> done = LoadBalancerMembers.deregister(aws, fleet, batch.retireAfter());
                BatchState after = batch.withDeregistered(done);
                return next(cursor, done.isEmpty() ? after.at(BatchState.Step.TERMINATE_RETIRE)
                        : after.at(BatchState.Step.DRAIN_RETIRE).until(now.plus(cursor.facts().drainDelay()).plus(DRAIN_MARGIN)));
            }
            case TERMINATE_RETIRE -> {
                List<String> asked = GroupChanges.terminate(aws, fleet, batch.retireAfter(), true);
                if (!asked.isEmpty()) {
                    return next(cursor, batch.withTerminated(asked));
                }
                return next(cursor, batch.at(BatchState.Step.DONE));
            }
            default -> {
                return batchDone(request, cursor, fleet, context);
            }
        }
    }

    private static Tick<AsgRolloutCursor> awaitHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context) {
        BatchState batch = watch(request, cursor, fleet);
        cursor = cursor.withRolling(cursor.rolling().withBatch(batch));
        int fresh = freshHealthy(request, cursor, fleet);
        Instant now = context.now();
        if (fresh >= batch.expectedOnTarget() && fleet.pending() == 0) {
            Duration warmup = cursor.facts().warmup();
            return next(cursor, warmup.isZero() ? batch.at(BatchState.Step.DEREGISTER_RETIRE)
                    : batch.at(BatchState.Step.WARMUP).until(now.plus(warmup)));
        }
        if (batch.failedLaunches().size() >= FAILED_LAUNCHES) {
            return batchFailed(request, cursor, fleet, batch.failedLaunches().size() + " new instances failed their health checks "
                    + "and were taken out of service by Auto Scaling: " + describe(batch.failedLaunches()), context);
        }
        List<String> notYet = notHealthy(request, cursor, fleet);
        if (now.isAfter(batch.healthDeadline())) {
            String launches = lastFailedLaunch(context.aws(), request.autoScalingGroup(),
                    batch.healthDeadline().minus(request.healthCheckTimeout()));
            return batchFailed(request, cursor, fleet, (notYet.isEmpty() ? "new instances did not launch" : "new instances were not "
                    + "healthy: " + String.join(", ", limit(notYet, 5))) + " after " + HumanDuration.of(request.healthCheckTimeout())
                    + " (healthCheckTimeoutMinutes)" + (launches == null ? "" : "; the last failed launch said: " + launches), context);
        }
        Poll poll = cursor.poll().observe("await|" + fresh + "|" + String.join(",", notYet));
        String label = cursor.rolling().reverse() ? "ROLLBACK" : "ROLL";
        if (poll.quietPolls() == 0) {
            context.progress().report(label, "Batch " + batch.number() + ": " + Math.max(0, fresh - (batch.expectedOnTarget()
                    - batch.launches())) + " of " + batch.launches() + " new instances healthy"
                    + (notYet.isEmpty() ? "" : " (" + String.join(", ", limit(notYet, 5)) + ")") + "; " + capacity(cursor, fleet) + "; "
                    + HumanDuration.of(Duration.between(now, cursor.deadline())) + " left.");
        }
        Duration delay = min(poll.nextDelay(context.random()), Duration.between(now, batch.healthDeadline()).plusSeconds(1));
        return Tick.after(cursor.withPoll(poll).waiting(batch.launches() + " new instance" + (batch.launches() == 1 ? "" : "s")
                + " of " + request.autoScalingGroup() + " to become healthy (batch " + batch.number() + ")"), delay);
    }

    /**
     * Follows the instances launched for the batch: one that leaves the group (Auto Scaling replaced it for failing
     * its health checks, or its launch failed) before it was ever healthy counts as a failed launch.
     */
    private static BatchState watch(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        BatchState batch = cursor.rolling().batch();
        Predicate<FleetMember> outOfDate = outOfDate(request, cursor);
        Set<String> start = cursor.facts().startMembers();
        Map<String, String> watching = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (FleetMember member : fleet.members()) {
            if (!start.contains(member.id()) && !outOfDate.test(member) && !member.leaving() && !member.healthy()) {
                watching.put(member.id(), member.describeHealth());
            }
        }
        batch.watching().forEach((id, last) -> {
            FleetMember member = fleet.member(id);
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

    private static String describe(Map<String, String> failed) {
        return String.join(", ", limit(List.copyOf(failed.values()), 5));
    }

    private static Tick<AsgRolloutCursor> batchDone(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context) {
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        GroupFacts facts = cursor.facts();
        List<String> replaced = new ArrayList<>(rolling.replaced());
        batch.all().stream().filter(id -> !replaced.contains(id)).forEach(replaced::add);
        int total = Math.max(facts.toReplace(), 1);
        int done = rolling.reverse() ? batch.size() : Math.min(replaced.size(), total);
        String label = rolling.reverse() ? "ROLLBACK" : "ROLL";
        context.progress().report(label, "Batch " + batch.number() + " done: " + (rolling.reverse() ? "replaced " + batch.size()
                + " instance" + (batch.size() == 1 ? "" : "s") + " launched by the rollout" : done + " of " + facts.toReplace()
                + " instances replaced") + "; " + capacity(cursor, fleet) + ".");
        int next = rolling.nextCheckpoint();
        Instant pause = null;
        int percent = done * 100 / total;
        while (!rolling.reverse() && next < request.checkpoints().size() && percent >= request.checkpoints().get(next)) {
            if (request.checkpoints().get(next) < 100 && done < facts.toReplace() && cursor.ending() == null) {
                pause = context.now().plus(request.checkpointDelay());
            }
            next++;
        }
        if (pause != null && !request.checkpointDelay().isZero()) {
            context.progress().report("CHECKPOINT", percent + "% of the instances of " + request.autoScalingGroup() + " replaced ("
                    + done + " of " + facts.toReplace() + "): pausing " + HumanDuration.of(request.checkpointDelay())
                    + " before the next batch.");
        }
        RollingProgress after = rolling.batchDone(batch.all(), next, pause);
        String waiting = pause == null ? "the next batch of " + request.autoScalingGroup()
                : "the checkpoint pause of " + request.autoScalingGroup() + " to end";
        return Tick.after(cursor.withRolling(after).withPoll(cursor.poll().observe("done|" + batch.number())).waiting(waiting),
                Duration.ZERO);
    }

    /**
     * A batch that cannot finish: roll back when asked to and possible, else stop where the group is. A failing
     * rollback ends the rollout as failed, saying where the group is.
     */
    private static Tick<AsgRolloutCursor> batchFailed(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, String why,
            TickContext context) {
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        String where = batch == null ? "before batch " + (rolling.batchesDone() + 1) : "in batch " + batch.number();
        if (rolling.reverse()) {
            return Tick.after(cursor.finishing(new Outcome(Outcome.Status.Failed, cursor.ending().prefix() + "The rollback could not "
                    + "finish " + where + ": " + why + "; " + RefreshPhases.groupState(fleet, cursor.template()) + ".")),
                    Duration.ZERO);
        }
        String reason = "Rollout of " + request.autoScalingGroup() + " to " + cursor.template().target().describe() + " failed "
                + where + ": " + why + ".";
        if (request.autoRollback() && cursor.template().changesVersion()) {
            context.progress().warn("ROLLBACK", reason + " Rolling back.");
            AsgRolloutCursor rollingBack = cursor.withEnding(new Ending(Ending.Mode.ROLLBACK, reason, false))
                    .withDeadline(context.now().plus(request.timeout().compareTo(AsgRolloutOperation.MIN_CLEANUP) > 0
                            ? request.timeout() : AsgRolloutOperation.MIN_CLEANUP))
                    .at(AsgRolloutCursor.Phase.REPIN, "the rollback of " + request.autoScalingGroup() + " to start");
            return Tick.after(rollingBack, Duration.ZERO);
        }
        String undone = request.autoRollback() ? " There is no previous version to roll back to (the rollout kept version "
                + cursor.template().previousVersion() + "), so nothing was undone: " : " autoRollback is off, so nothing was undone: ";
        return Tick.after(cursor.finishing(new Outcome(Outcome.Status.Failed, reason + undone
                + RefreshPhases.groupState(fleet, cursor.template()) + ", desired capacity " + fleet.desired() + " (was "
                + cursor.facts().originalDesired() + ").")), Duration.ZERO);
    }

    private static Outcome stoppedOutcome(AsgRolloutCursor cursor, Fleet fleet) {
        Ending ending = cursor.ending();
        RollingProgress rolling = cursor.rolling();
        String state = RefreshPhases.groupState(fleet, cursor.template());
        return new Outcome(Outcome.Status.Cancelled, ending.prefix() + "Cancelled after " + rolling.batchesDone() + " batch"
                + (rolling.batchesDone() == 1 ? "" : "es") + ": " + state + "; instances already replaced stay replaced.");
    }

    /** Which members are still to be moved: forward, those not on the target; in reverse, those the rollout launched. */
    static Predicate<FleetMember> outOfDate(AsgRolloutRequest request, AsgRolloutCursor cursor) {
        if (cursor.rolling().reverse()) {
            return reverseOutOfDate(cursor);
        }
        return PreflightPhase.outOfDate(request, cursor.template(), cursor.facts().startMembers());
    }

    private static Predicate<FleetMember> reverseOutOfDate(AsgRolloutCursor cursor) {
        Set<String> start = cursor.facts().startMembers();
        LaunchTemplateRef previous = cursor.template().previous();
        // Only instances of the rolled template that this rollout launched go back; other templates were never touched.
        return m -> !start.contains(m.id()) && previous.sameTemplate(m.launchTemplate()) && !m.runs(previous);
    }

    private static int freshHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        Predicate<FleetMember> outOfDate = outOfDate(request, cursor);
        return (int) fleet.count(m -> m.healthy() && !outOfDate.test(m));
    }

    private static List<String> notHealthy(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet) {
        Predicate<FleetMember> outOfDate = outOfDate(request, cursor);
        return fleet.members().stream()
                .filter(m -> !m.leaving() && !m.standby() && !m.healthy() && !outOfDate.test(m))
                .map(FleetMember::describeHealth)
                .collect(Collectors.toList());
    }

    private static String batchLine(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch, Fleet fleet) {
        GroupFacts facts = cursor.facts();
        StringBuilder line = new StringBuilder();
        boolean reverse = cursor.rolling().reverse();
        line.append("Batch ").append(batch.number());
        if (!reverse) {
            line.append(" of ").append(Math.max(facts.plannedBatches(), batch.number()));
        }
        line.append(": ");
        List<String> parts = new ArrayList<>();
        if (!batch.retireAfter().isEmpty()) {
            parts.add("launching " + batch.retireAfter().size() + " first to replace " + String.join(", ", limit(batch.retireAfter(), 10)));
        }
        if (!batch.replaceFirst().isEmpty()) {
            parts.add("replacing " + String.join(", ", limit(batch.replaceFirst(), 10)));
        }
        if (!batch.withoutReplacement().isEmpty()) {
            parts.add("removing " + String.join(", ", limit(batch.withoutReplacement(), 10)));
        }
        if (!batch.standbyToTerminate().isEmpty()) {
            parts.add("terminating " + String.join(", ", limit(batch.standbyToTerminate(), 10)) + " (Standby)");
        }
        line.append(String.join("; ", parts));
        if (!reverse) {
            line.append("; ").append(cursor.rolling().replaced().size()).append(" of ").append(facts.toReplace()).append(" replaced");
        }
        line.append("; ").append(capacity(cursor, fleet));
        return line.toString();
    }

    /** {@code 9 healthy in service (desired 9, floor 6)}. */
    static String capacity(AsgRolloutCursor cursor, Fleet fleet) {
        return fleet.healthy() + " healthy in service (desired " + fleet.desired() + ", floor " + cursor.facts().limits().floor() + ")";
    }

    private static String batchWaiting(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch) {
        return "batch " + batch.number() + " of " + request.autoScalingGroup() + " (" + batch.size() + " instance"
                + (batch.size() == 1 ? "" : "s") + ")";
    }

    private static Tick<AsgRolloutCursor> next(AsgRolloutCursor cursor, BatchState batch) {
        return Tick.after(cursor.withRolling(cursor.rolling().withBatch(batch)), Duration.ZERO);
    }

    private static List<String> limit(List<String> ids, int max) {
        if (ids.size() <= max) {
            return ids;
        }
        List<String> shown = new ArrayList<>(ids.subList(0, max));
        shown.add("and " + (ids.size() - max) + " more");
        return shown;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
