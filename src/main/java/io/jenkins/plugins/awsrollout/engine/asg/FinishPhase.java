package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
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
        GroupChanges.resume(aws, groupName, cursor.suspendedByUs());
        if (!cursor.suspendedByUs().isEmpty()) {
            context.progress().report("RESUME", "Resumed " + String.join(", ", cursor.suspendedByUs()) + " on " + groupName + ".");
        }
        Fleet fleet = null;
        if (cursor.facts() != null) {
            AutoScalingGroup group = FleetReader.describeGroup(aws, groupName);
            fleet = group == null ? null : FleetReader.read(aws, group);
            restoreMaxSize(aws, cursor, group, fleet, context);
        }
        Outcome outcome = cursor.outcome() == null ? Outcome.successful() : cursor.outcome();
        Duration elapsed = Duration.between(cursor.startedAt(), context.now());
        Map<String, Object> result = RolloutReport.result(request, cursor, fleet, elapsed);
        context.progress().report("DONE", summary(request, cursor, outcome, result, elapsed));
        AsgRolloutCursor done = cursor.waiting("nothing (the rollout of " + groupName + " is over)");
        return outcome.success() ? Tick.done(done, result) : Tick.failed(done, outcome.reason(), result);
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

    private static String summary(AsgRolloutRequest request, AsgRolloutCursor cursor, Outcome outcome, Map<String, Object> result,
            Duration elapsed) {
        int replaced = ((List<?>) result.get("replacedInstances")).size();
        int fresh = ((List<?>) result.get("newInstances")).size();
        String version = cursor.template() == null ? "" : ", launch template version " + cursor.template().targetVersion()
                + " (was " + cursor.template().previousVersion() + ")";
        String refresh = cursor.refresh() == null || cursor.refresh().refreshId() == null ? ""
                : ", instance refresh " + cursor.refresh().refreshId();
        return request.autoScalingGroup() + " " + outcome.status().name() + " in " + HumanDuration.of(elapsed) + ": " + replaced
                + " instance" + (replaced == 1 ? "" : "s") + " replaced, " + fresh + " new" + version + refresh + ".";
    }
}
