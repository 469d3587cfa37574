package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.PacedService;
import io.jenkins.plugins.awsrollout.engine.aws.Pacer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.ActiveInstanceRefreshNotFoundException;
import software.amazon.awssdk.services.autoscaling.model.AlarmSpecification;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshInProgressException;
import software.amazon.awssdk.services.autoscaling.model.IrreversibleInstanceRefreshException;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

/**
 * The {@code instanceRefresh} strategy: start one refresh with the version pinned in its DesiredConfiguration, adopt
 * it after a restart instead of starting a second, watch it, and send its rollback or cancel when the rollout ends
 * early. AWS replaces the instances; the plugin reports and decides what the end means.
 */
final class RefreshPhases {

    /** Statuses that still move. */
    static final Set<String> RUNNING = Set.of("Pending", "InProgress", "Baking");

    /** A refresh started up to this long before the rollout asked for one is not this rollout's (clock skew margin). */
    private static final Duration ADOPT_MARGIN = Duration.ofMinutes(2);

    private RefreshPhases() {}

    /** Starts the refresh, or adopts the one a replayed tick already started. */
    static Tick<AsgRolloutCursor> start(AsgRolloutRequest request, AsgRolloutCursor cursor, Poll fresh, TickContext context) {
        AwsSession aws = context.aws();
        String group = request.autoScalingGroup();
        if (cursor.refresh() == null) {
            // Saved before the call: after a restart the next tick looks for this refresh before starting one.
            return Tick.after(cursor.withRefresh(RefreshProgress.requested(context.now())), Duration.ZERO);
        }
        InstanceRefresh ours = findOurs(aws, group, cursor);
        if (ours == null && cursor.ending() != null) {
            return Tick.after(cursor.finishing(new Outcome(Outcome.Status.Cancelled, cursor.ending().prefix()
                    + "No instance was replaced: the instance refresh had not started.")), Duration.ZERO);
        }
        if (ours != null) {
            context.progress().report("REFRESH", "Adopted instance refresh " + ours.instanceRefreshId() + " on " + group
                    + " (started before a restart).");
            return watching(cursor, ours.instanceRefreshId(), fresh);
        }
        String id;
        try {
            id = aws.autoScaling().startInstanceRefresh(r -> r.autoScalingGroupName(group)
                    .strategy("Rolling")
                    .desiredConfiguration(desiredConfiguration(aws, cursor, group))
                    .preferences(preferences(request, cursor.facts().limits()))).instanceRefreshId();
        } catch (InstanceRefreshInProgressException e) {
            InstanceRefresh adopted = findOurs(aws, group, cursor);
            if (adopted == null) {
                throw new OperationFailedException("Another instance refresh started on " + group + " while this rollout was "
                        + "starting one, so this rollout did not start: " + e.awsErrorDetails().errorMessage(), e);
            }
            id = adopted.instanceRefreshId();
        }
        TemplatePlan template = cursor.template();
        context.progress().report("REFRESH", "Started instance refresh " + id + " on " + group + " to "
                + template.target().describe() + " (min healthy " + request.minHealthyPercentage() + "%, max healthy "
                + cursor.facts().limits().maxHealthyPercentage() + "%, auto rollback " + (request.autoRollback() ? "on" : "off")
                + (request.checkpoints().isEmpty() ? "" : ", checkpoints " + request.checkpoints()) + ").");
        return watching(cursor, id, fresh);
    }

    private static Tick<AsgRolloutCursor> watching(AsgRolloutCursor cursor, String id, Poll fresh) {
        return Tick.after(cursor.withRefresh(cursor.refresh().started(id)).withPoll(fresh)
                .at(AsgRolloutCursor.Phase.REFRESH_WATCH, "instance refresh " + shortId(id) + " to finish"), Duration.ZERO);
    }

    /** One poll of the refresh (and the group's healthy capacity). */
    static Tick<AsgRolloutCursor> watch(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        String group = request.autoScalingGroup();
        RefreshProgress progress = cursor.refresh();
        InstanceRefresh refresh = describe(aws, group, progress.refreshId());
        String status = refresh.statusAsString();
        if (cursor.ending() != null && !progress.stopSent() && RUNNING.contains(status)) {
            return Tick.after(sendStop(aws, cursor, group, context), Duration.ZERO);
        }
        Fleet fleet = FleetReader.read(aws, group);
        FleetTimeline.record(context, cursor, fleet);
        int percentage = refresh.percentageComplete() == null ? 0 : refresh.percentageComplete();
        int toUpdate = refresh.instancesToUpdate() == null ? -1 : refresh.instancesToUpdate();
        AsgRolloutCursor seen = cursor.withRefresh(progress.seen(status, percentage, toUpdate, context.now(), refresh.startTime()));
        String reason = refresh.statusReason() == null ? "" : refresh.statusReason().strip().replaceAll("\\.$", "");
        String observation = status + "|" + percentage + "|" + toUpdate + "|" + reason + "|" + fleet.healthy();
        Poll poll = cursor.poll().observe(observation);
        if (poll.quietPolls() == 0) {
            context.progress().report("REFRESH", shortId(progress.refreshId()) + " " + status + ", " + percentage + "% complete"
                    + (toUpdate >= 0 ? ", " + toUpdate + " instance" + (toUpdate == 1 ? "" : "s") + " to update" : "")
                    + (reason.isEmpty() ? "" : ": " + reason) + "; " + fleet.healthy() + " healthy in service (desired "
                    + fleet.desired() + ", floor " + cursor.facts().limits().floor() + "); "
                    + HumanDuration.of(Duration.between(context.now(), cursor.deadline())) + " left.");
        }
        Outcome outcome = outcome(refresh, cursor, fleet);
        if (outcome == null) {
            String end = cursor.ending() == null ? "finish" : cursor.ending().mode() == Ending.Mode.ROLLBACK ? "roll back" : "stop";
            // Its batches take about as long each: poll when it can end at the earliest, not up to a backoff later.
            Instant due = seen.refresh().earliestEnd(refresh.startTime());
            return Tick.after(seen.withPoll(poll).waiting("instance refresh " + shortId(progress.refreshId()) + " on " + group
                    + " to " + end + " (" + percentage + "% complete)"), poll.nextDelay(context.random(), context.now(), due));
        }
        if (outcome.success()) {
            pinIfNeeded(aws, cursor, fleet);
        }
        return Tick.after(seen.finishing(outcome), Duration.ZERO);
    }

    /** What a refresh's end means, or null while it still runs. */
    static @CheckForNull Outcome outcome(InstanceRefresh refresh, AsgRolloutCursor cursor, Fleet fleet) {
        String id = refresh.instanceRefreshId();
        String reason = refresh.statusReason() == null || refresh.statusReason().isBlank() ? "no reason given"
                : refresh.statusReason().strip();
        TemplatePlan template = cursor.template();
        Ending ending = cursor.ending();
        String why = ending == null ? "" : ending.prefix();
        return switch (refresh.statusAsString()) {
            case "Successful" -> Outcome.successful();
            case "RollbackSuccessful" -> new Outcome(Outcome.Status.RolledBack, why + "Instance refresh " + id + " was rolled back ("
                    + rollbackReason(refresh, reason) + "): " + groupState(fleet, template) + ".");
            case "Cancelled" -> new Outcome(Outcome.Status.Cancelled, why + "Instance refresh " + id + " was cancelled"
                    + (ending == null ? " outside this build" : "") + ": " + groupState(fleet, template)
                    + "; instances already replaced stay replaced.");
            case "Failed" -> new Outcome(Outcome.Status.Failed, why + "Instance refresh " + id + " failed: " + reason
                    + " Auto rollback was off, so nothing was undone: " + groupState(fleet, template) + ".");
            case "RollbackFailed" -> new Outcome(Outcome.Status.Failed, why + "Instance refresh " + id + " failed and its rollback "
                    + "failed too (" + reason + "): " + groupState(fleet, template) + ".");
            default -> null;
        };
    }

    private static String rollbackReason(InstanceRefresh refresh, String fallback) {
        if (refresh.rollbackDetails() != null && refresh.rollbackDetails().rollbackReason() != null
                && !refresh.rollbackDetails().rollbackReason().isBlank()) {
            return refresh.rollbackDetails().rollbackReason().strip();
        }
        return fallback;
    }

    /** {@code 2 of 6 instances run version 7, the group launches version 6}. */
    static String groupState(Fleet fleet, TemplatePlan template) {
        List<FleetMember> live = fleet.members().stream().filter(m -> !m.leaving()).toList();
        long onTarget = template.targetVersion() == null ? 0 : live.stream().filter(m -> m.runs(template.target())).count();
        String launches = fleet.launchTemplate() == null ? "" : ", and the group launches " + fleet.launchTemplate().describe();
        return onTarget + " of " + live.size() + " instances of " + fleet.groupName() + " run version " + template.targetVersion()
                + launches;
    }

    private static AsgRolloutCursor sendStop(AwsSession aws, AsgRolloutCursor cursor, String groupName, TickContext context) {
        String name = cursor.refresh().refreshId();
        Ending ending = cursor.ending();
        try {
            if (ending.mode() == Ending.Mode.ROLLBACK) {
                try {
                    aws.autoScaling().rollbackInstanceRefresh(r -> r.autoScalingGroupName(groupName));
                    context.progress().report("ROLLBACK", "Rolling back instance refresh " + name + " on " + groupName + ".");
                } catch (IrreversibleInstanceRefreshException e) {
                    context.progress().warn("ROLLBACK", "AWS cannot roll back instance refresh " + name + " ("
                            + e.awsErrorDetails().errorMessage() + "); cancelling it instead.");
                    aws.autoScaling().cancelInstanceRefresh(r -> r.autoScalingGroupName(groupName));
                }
            } else {
                aws.autoScaling().cancelInstanceRefresh(r -> r.autoScalingGroupName(groupName));
                context.progress().report("CANCEL", "Cancelling instance refresh " + name + " on " + groupName
                        + "; instances already replaced stay replaced.");
            }
        } catch (ActiveInstanceRefreshNotFoundException e) {
            // It ended meanwhile; the next poll reports how.
        }
        return cursor.withRefresh(cursor.refresh().withStopSent()).waiting("instance refresh " + name + " on " + groupName + " to "
                + (ending.mode() == Ending.Mode.ROLLBACK ? "roll back" : "stop"));
    }

    private static InstanceRefresh describe(AwsSession aws, String group, String id) {
        // Read at every poll of the refresh: its throttling is retried by the engine, on its clock, like the group's.
        List<InstanceRefresh> refreshes = aws.pacer(PacedService.AUTO_SCALING).read(() -> aws.autoScaling()
                .describeInstanceRefreshes(r -> r.autoScalingGroupName(group).instanceRefreshIds(id)
                        .overrideConfiguration(Pacer.ENGINE_RETRIES)).instanceRefreshes());
        if (refreshes.isEmpty()) {
            throw new OperationFailedException("Instance refresh " + id + " of " + group + " is no longer known to AWS.");
        }
        return refreshes.get(0);
    }

    /** The refresh this rollout started: started after it asked for one, towards its version. */
    private static @CheckForNull InstanceRefresh findOurs(AwsSession aws, String group, AsgRolloutCursor cursor) {
        Instant since = cursor.refresh().requestedAt().minus(ADOPT_MARGIN);
        String version = cursor.template().targetVersion();
        for (InstanceRefresh refresh : aws.autoScaling()
                .describeInstanceRefreshes(r -> r.autoScalingGroupName(group).maxRecords(10)).instanceRefreshes()) {
            if (refresh.startTime() != null && refresh.startTime().isBefore(since)) {
                continue;
            }
            LaunchTemplateSpecification spec = desiredSpec(refresh.desiredConfiguration());
            if (spec != null && version.equals(spec.version())) {
                return refresh;
            }
        }
        return null;
    }

    private static @CheckForNull LaunchTemplateSpecification desiredSpec(@CheckForNull DesiredConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        if (configuration.launchTemplate() != null) {
            return configuration.launchTemplate();
        }
        if (configuration.mixedInstancesPolicy() != null && configuration.mixedInstancesPolicy().launchTemplate() != null) {
            return configuration.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        return null;
    }

    private static DesiredConfiguration desiredConfiguration(AwsSession aws, AsgRolloutCursor cursor, String groupName) {
        TemplatePlan template = cursor.template();
        if (cursor.facts().mixedInstancesPolicy()) {
            AutoScalingGroup group = FleetReader.requireGroup(aws, groupName);
            return DesiredConfiguration.builder()
                    .mixedInstancesPolicy(GroupChanges.policyAt(group, template.template(), template.targetVersion())).build();
        }
        return DesiredConfiguration.builder()
                .launchTemplate(GroupChanges.spec(template.template(), template.targetVersion())).build();
    }

    /**
     * The preferences, mapped one to one from the step's parameters; an automatic ceiling goes as the percentage that
     * gives it for the group's desired capacity.
     */
    static RefreshPreferences preferences(AsgRolloutRequest request, CapacityLimits limits) {
        RefreshPreferences.Builder preferences = RefreshPreferences.builder()
                .minHealthyPercentage(request.minHealthyPercentage())
                .maxHealthyPercentage(limits.maxHealthyPercentage())
                .skipMatching(request.skipMatching())
                .autoRollback(request.autoRollback())
                .scaleInProtectedInstances(request.scaleInProtectedInstances().awsValue())
                .standbyInstances(request.standbyInstances().awsValue());
        if (request.instanceWarmupSeconds() != null) {
            preferences.instanceWarmup(request.instanceWarmupSeconds());
        }
        if (!request.checkpoints().isEmpty()) {
            preferences.checkpointPercentages(request.checkpoints())
                    .checkpointDelay((int) request.checkpointDelay().toSeconds());
        }
        if (!request.alarms().isEmpty()) {
            preferences.alarmSpecification(AlarmSpecification.builder().alarms(request.alarms()).build());
        }
        return preferences.build();
    }

    /** AWS points the group at the desired configuration when a refresh succeeds; make sure, without a second change. */
    private static void pinIfNeeded(AwsSession aws, AsgRolloutCursor cursor, Fleet fleet) {
        LaunchTemplateRef target = cursor.template().target();
        if (fleet.launchTemplate() == null || !target.matches(fleet.launchTemplate())) {
            GroupChanges.update(aws, FleetReader.requireGroup(aws, fleet.groupName()), cursor.template().template(),
                    cursor.template().targetVersion(), null, null, null);
        }
    }

    static String shortId(@CheckForNull String id) {
        return id == null ? "(not started)" : id.length() > 8 ? id.substring(0, 8) : id;
    }
}
