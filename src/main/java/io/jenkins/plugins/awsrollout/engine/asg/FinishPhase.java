package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * The last tick of every rollout, whatever its outcome: resumes the processes this rollout suspended, puts back the
 * maximum size it raised, and reports. Success returns the map; any other outcome fails the step with its sentence
 * (the deployment did not happen, or not completely).
 */
final class FinishPhase {

    private FinishPhase() {}

    static Tick<AsgRolloutCursor> run(AsgRolloutRequest request, AsgRolloutCursor cursor, TickContext context) {
        AwsSession aws = context.aws();
        String groupName = request.autoScalingGroup();
        AutoScalingGroup group = null;
        Fleet fleet = null;
        if (cursor.facts() != null) {
            group = FleetReader.describeGroup(aws, groupName);
            fleet = group == null ? null : FleetReader.read(aws, group);
            Tick<AsgRolloutCursor> settling = fleet == null ? null : settle(request, cursor, fleet, context);
            if (settling != null) {
                return settling;
            }
        }
        GroupChanges.resume(aws, groupName, cursor.suspendedByUs());
        if (!cursor.suspendedByUs().isEmpty()) {
            context.progress().report("RESUME", "Resumed " + String.join(", ", cursor.suspendedByUs()) + " on " + groupName + ".");
        }
        if (fleet != null) {
            restoreMaxSize(aws, cursor, group, fleet, context);
        }
        Outcome outcome = cursor.outcome() == null ? Outcome.successful() : cursor.outcome();
        Duration elapsed = Duration.between(cursor.startedAt(), context.now());
        Map<String, Object> result = RolloutReport.result(request, cursor, fleet, elapsed);
        context.progress().report("DONE", summary(request, cursor, outcome, result, fleet, elapsed));
        AsgRolloutCursor done = cursor.waiting("nothing (the rollout of " + groupName + " is over)");
        return outcome.success() ? Tick.done(done, result) : Tick.failed(done, outcome.reason(), result);
    }

    /**
     * Waits (up to {@code healthCheckTimeoutMinutes}) for the group to be whole again before the rollout says how it
     * ended: as many instances in service as desired, none pending, every one healthy. A rollback or an instance
     * refresh can end while Auto Scaling still launches the last replacements; "put back" means serving again.
     * Null when settled (or when waiting longer would not help).
     */
    private static @CheckForNull Tick<AsgRolloutCursor> settle(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context) {
        if (settled(fleet)) {
            return null;
        }
        Instant since = cursor.settlingSince() == null ? context.now() : cursor.settlingSince();
        String state = fleet.healthy() + " of " + fleet.desired() + " healthy in service, " + fleet.pending() + " pending";
        if (Duration.between(since, context.now()).compareTo(request.healthCheckTimeout()) >= 0) {
            context.progress().warn("FINISH", fleet.groupName() + " did not settle within " + HumanDuration.of(request.healthCheckTimeout())
                    + " (healthCheckTimeoutMinutes): " + state + ".");
            return null;
        }
        Poll poll = cursor.poll().observe("settle|" + state);
        if (poll.quietPolls() == 0) {
            context.progress().report("FINISH", "Waiting for " + fleet.groupName() + " to settle: " + state + ".");
        }
        return Tick.after(cursor.settling(since).withPoll(poll).waiting(fleet.groupName() + " to settle (" + state + ")"),
                poll.nextDelay(context.random()));
    }

    /** At its desired capacity, nothing pending, every instance in service healthy. */
    static boolean settled(Fleet fleet) {
        return fleet.pending() == 0 && fleet.inService() == fleet.desired() && fleet.healthy() == fleet.inService();
    }

    private static void restoreMaxSize(AwsSession aws, AsgRolloutCursor cursor, @CheckForNull AutoScalingGroup group,
            @CheckForNull Fleet fleet, TickContext context) {
        Integer max = cursor.maxSizeToRestore();
        if (max == null || group == null || fleet == null || fleet.maxSize() == max) {
            return;
        }
        if (fleet.desired() > max) {
            context.progress().warn("RESUME", "Left the maximum size of " + fleet.groupName() + " at " + fleet.maxSize()
                    + ": its desired capacity is " + fleet.desired() + ", above the " + max + " it had before.");
            return;
        }
        GroupChanges.update(aws, group, null, null, null, max, null);
        context.progress().report("RESUME", "Maximum size of " + fleet.groupName() + " back to " + max + ".");
    }

    /**
     * The DONE line: how it ended, which version the group runs now (the truth read from AWS, not the plan), how many
     * of its instances run it, and how many instances were replaced and restored.
     */
    static String summary(AsgRolloutRequest request, AsgRolloutCursor cursor, Outcome outcome, Map<String, Object> result,
            @CheckForNull Fleet fleet, Duration elapsed) {
        String group = request.autoScalingGroup();
        StringBuilder line = new StringBuilder(group + " " + outcome.status().name() + " in " + HumanDuration.of(elapsed) + ": ");
        int replaced = ((List<?>) result.get("replacedInstances")).size();
        TemplatePlan template = cursor.template();
        String running = fleet == null || fleet.launchTemplate() == null ? null : fleet.launchTemplate().version();
        if (template == null || running == null) {
            line.append(replaced).append(" instance").append(replaced == 1 ? "" : "s").append(" replaced");
        } else {
            line.append(group).append(" runs launch template version ").append(running);
            String target = template.targetVersion();
            boolean back = running.equals(template.previousVersion());
            if (back && template.changesVersion() && target != null) {
                line.append(" again (version ").append(target).append(outcome.status() == Outcome.Status.RolledBack
                        ? " rolled back)" : " not rolled out)");
            } else if (!back) {
                line.append(" (was ").append(template.previousVersion()).append(')');
            }
            LaunchTemplateRef now = template.template().at(running);
            List<FleetMember> live = fleet.members().stream().filter(m -> !m.leaving() && !m.standby()).toList();
            long onIt = live.stream().filter(m -> m.runs(now)).count();
            line.append("; ").append(onIt).append(" of ").append(live.size()).append(" instance").append(live.size() == 1 ? "" : "s")
                    .append(" in service run it; ").append(replaced).append(" replaced");
            if (back && template.changesVersion()) {
                long restored = live.stream().filter(m -> m.runs(now) && !cursor.facts().startMembers().contains(m.id())).count();
                line.append(", ").append(restored).append(" restored");
            }
        }
        if (cursor.refresh() != null && cursor.refresh().refreshId() != null) {
            line.append("; instance refresh ").append(cursor.refresh().refreshId());
        }
        return line.append('.').toString();
    }
}
