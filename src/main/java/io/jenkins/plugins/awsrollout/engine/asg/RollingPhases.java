package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.Paced;
import io.jenkins.plugins.awsrollout.engine.aws.PacedService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * The {@code rolling} strategy: the plugin replaces batch after batch itself, gating each on load balancer health.
 * Every tick reads the group once ({@link FleetReader}: one call per resource kind) and then chooses a batch
 * ({@link BatchPlanner}) or does one step of the batch in flight ({@link BatchSteps}); with {@code alarms}, going
 * forward, it reads them once too ({@link RolloutAlarms}) and fails the batch in flight on one in ALARM. The
 * rollback is the same machine run backwards: the group is pinned back to the previous version and the instances the
 * rollout launched are replaced under the same floor.
 */
final class RollingPhases {

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
        // Instances this rollout launched that do not serve (pending, failing their checks) leave now: waiting for them
        // could take forever, and they hold no healthy capacity. While the group is above the desired capacity the
        // rollout keeps (instances launched first), each takes its unit of desired capacity with it.
        int baseline = cursor.facts().limits().desired();
        int desired = fleet.desired();
        Map<String, Boolean> decrementById = new LinkedHashMap<>();
        for (FleetMember member : fleet.members()) {
            if (!member.leaving() && !member.standby() && !member.healthy() && reverseOutOfDate(cursor).test(member)) {
                boolean decrement = desired > baseline;
                desired -= decrement ? 1 : 0;
                decrementById.put(member.id(), decrement);
            }
        }
        List<String> gone = new ArrayList<>();
        if (!decrementById.isEmpty()) {
            GroupChanges.Terminations round = GroupChanges.terminate(aws, fleet, decrementById);
            gone.addAll(round.asked());
            if (round.next() != null) {
                // The rest on the next try: this tick runs again from the same cursor, on a fresh read.
                throw new Paced(PacedService.AUTO_SCALING, round.next(), round.heldBack());
            }
            context.progress().report("ROLLBACK", "Terminated " + String.join(", ", BatchSteps.limit(gone, 10)) + ": launched by "
                    + "the rollout and not healthy" + (desired < fleet.desired() ? "; desired capacity of " + request.autoScalingGroup()
                    + " back to " + desired : "") + ".");
        }
        // Capacity raised for launches that never came is given back; nothing running is terminated by it.
        int running = (int) fleet.count(m -> (m.inService() || m.pending()) && !gone.contains(m.id()));
        if (desired > baseline && running < desired) {
            int lower = Math.max(baseline, running);
            GroupChanges.setDesired(aws, request.autoScalingGroup(), lower);
            context.progress().report("ROLLBACK", "Desired capacity of " + request.autoScalingGroup() + " back to " + lower
                    + ": " + (desired - running) + " instance" + (desired - running == 1 ? "" : "s")
                    + " launched for the rollout never came.");
        }
        long launched = fleet.members().stream().filter(m -> !m.leaving() && !gone.contains(m.id())).filter(reverseOutOfDate(cursor)).count();
        context.progress().warn("ROLLBACK", request.autoScalingGroup() + " launches " + template.previous().describe()
                + " again; replacing the " + launched + " instance" + (launched == 1 ? "" : "s") + " this rollout launched, keeping "
                + cursor.facts().limits().floor() + " healthy.");
        RollingProgress reversed = rolling.reversed(template.previous()).withPinned();
        return Tick.after(cursor.withRolling(reversed).at(AsgRolloutCursor.Phase.ROLL, "the rollback of "
                + request.autoScalingGroup() + " to version " + template.previousVersion()), Duration.ZERO);
    }

    /** One tick of the batches: one read of the group, then as many steps as need no other. */
    static Tick<AsgRolloutCursor> roll(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        if (!cursor.rolling().terminationsLeft().isEmpty()) {
            if (cursor.ending() == null) {
                // The last round's terminations go on first, on what that round read (BatchSteps.carryOn).
                return BatchSteps.carryOn(request, cursor, context);
            }
            // Ending: the batch's steps decide again from a fresh read what is still to be done.
            cursor = cursor.withRolling(cursor.rolling().withTerminationsLeft(Map.of()));
        }
        return roll(request, cursor, FleetReader.read(context.aws(), request.autoScalingGroup()), context, 0);
    }

    /** The batches on {@code fleet}, as this tick read it; {@code passes} counts the steps this tick already passed on from. */
    static Tick<AsgRolloutCursor> roll(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context,
            int passes) {
        if (passes == 0 && RolloutAlarms.watching(request, cursor)) {
            // Once per tick, going forward: an alarm in ALARM fails the batch in flight (and rolls it back).
            Tick<AsgRolloutCursor> alarmed = RolloutAlarms.check(request, cursor, fleet, context);
            if (alarmed != null) {
                FleetTimeline.record(context, cursor, fleet);
                return alarmed;
            }
            return RolloutAlarms.paced(request, batches(request, cursor, fleet, context, passes));
        }
        return batches(request, cursor, fleet, context, passes);
    }

    private static Tick<AsgRolloutCursor> batches(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context,
            int passes) {
        FleetTimeline.record(context, cursor, fleet);
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
            return choose(request, cursor, fleet, context, passes);
        }
        return BatchSteps.step(request, cursor, fleet, context, passes);
    }

    private static Tick<AsgRolloutCursor> choose(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, TickContext context,
            int passes) {
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
                            + " back to " + cursor.template().previous().describeBriefly() + ": the instances this rollout launched were "
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
        FleetTimeline.batch(context, rolling, state);
        context.progress().report(rolling.reverse() ? "ROLLBACK" : "ROLL", batchLine(request, cursor, state, fleet)
                + "; " + HumanDuration.of(Duration.between(context.now(), cursor.deadline())) + " left.");
        // Choosing changed nothing in AWS: the batch's first step works from the same read.
        return BatchSteps.onward(request, cursor.withRolling(rolling.withBatch(state)).waiting(batchWaiting(request, cursor, state)),
                fleet, context, passes);
    }

    /**
     * A batch that cannot finish: roll back when asked to and possible, else stop where the group is. A failing
     * rollback ends the rollout as failed, saying where the group is.
     */
    static Tick<AsgRolloutCursor> batchFailed(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet, String why,
            TickContext context) {
        RollingProgress rolling = cursor.rolling();
        BatchState batch = rolling.batch();
        String where = batch == null ? "before batch " + (rolling.batchesDone() + 1) : "in batch " + batch.number();
        if (rolling.reverse()) {
            return Tick.after(cursor.finishing(new Outcome(Outcome.Status.Failed, cursor.ending().prefix() + "The rollback could not "
                    + "finish " + where + ": " + why + "; " + RefreshPhases.groupState(fleet, cursor.template()) + ".")),
                    Duration.ZERO);
        }
        String reason = "Rollout of " + request.autoScalingGroup() + " to " + cursor.template().target().describeBriefly() + " failed "
                + where + ": " + why + ".";
        if (request.autoRollback() && cursor.template().changesVersion()) {
            context.progress().warn("ROLLBACK", reason + " Rolling back.");
            AsgRolloutCursor rollingBack = AsgRolloutOperation.windDown(request, cursor, new Ending(Ending.Mode.ROLLBACK, reason, false),
                    context.now());
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

    static String batchLine(AsgRolloutRequest request, AsgRolloutCursor cursor, BatchState batch, Fleet fleet) {
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
            parts.add("launching " + batch.retireAfter().size() + " first to replace " + String.join(", ", BatchSteps.limit(batch.retireAfter(), 10)));
        }
        if (!batch.replaceFirst().isEmpty()) {
            parts.add("replacing " + String.join(", ", BatchSteps.limit(batch.replaceFirst(), 10)));
        }
        if (!batch.withoutReplacement().isEmpty()) {
            parts.add("removing " + String.join(", ", BatchSteps.limit(batch.withoutReplacement(), 10)));
        }
        if (!batch.standbyToTerminate().isEmpty()) {
            parts.add("terminating " + String.join(", ", BatchSteps.limit(batch.standbyToTerminate(), 10)) + " (Standby)");
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

}
