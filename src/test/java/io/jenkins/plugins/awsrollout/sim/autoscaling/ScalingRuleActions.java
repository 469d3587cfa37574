package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyRequest;
import software.amazon.awssdk.services.autoscaling.model.DeletePolicyResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteScheduledActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.autoscaling.model.PutScheduledUpdateGroupActionRequest;
import software.amazon.awssdk.services.autoscaling.model.PutScheduledUpdateGroupActionResponse;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupAction;

/**
 * The scaling rules a group carries besides its policies (PutScalingPolicy and DescribePolicies live with the group
 * actions): scheduled actions, and deleting either. A one-time scheduled action (StartTime, no Recurrence) changes
 * the group's sizes at its time; a recurring one is kept and described, not run.
 */
public final class ScalingRuleActions {
    private final Cloud cloud;

    public ScalingRuleActions(Cloud cloud) {
        this.cloud = cloud;
    }

    /** One region's scheduled actions by group, then by name. */
    public static final class Schedules {
        final Map<String, Map<String, ScheduledUpdateGroupAction>> byGroup = new LinkedHashMap<>();

        public static Schedules of(CloudRegion region) {
            return region.extension(Schedules.class, r -> new Schedules());
        }

        public List<ScheduledUpdateGroupAction> of(String group) {
            return List.copyOf(byGroup.getOrDefault(group, Map.of()).values());
        }
    }

    private AutoScalingRegion asg(RequestContext context) {
        return cloud.region(context).autoScaling();
    }

    public DeletePolicyResponse handle(DeletePolicyRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        boolean removed = asg.policies.removeIf(p -> (r.autoScalingGroupName() == null || p.autoScalingGroupName()
                .equals(r.autoScalingGroupName())) && (p.policyName().equals(r.policyName()) || p.policyARN().equals(r.policyName())));
        if (!removed) {
            throw SimError.client("ValidationError", "Policy " + r.policyName() + " does not exist.");
        }
        return DeletePolicyResponse.builder().build();
    }

    public PutScheduledUpdateGroupActionResponse handle(PutScheduledUpdateGroupActionRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        if (r.minSize() == null && r.maxSize() == null && r.desiredCapacity() == null) {
            throw SimError.client("ValidationError", "At least one of MinSize, MaxSize or DesiredCapacity must be specified.");
        }
        Instant start = r.startTime() != null ? r.startTime() : r.time();
        if (start != null && r.recurrence() == null && start.isBefore(cloud.now())) {
            throw SimError.client("ValidationError", "Given start time is in the past");
        }
        String arn = "arn:aws:autoscaling:" + asg.region().name() + ":" + cloud.accountId() + ":scheduledUpdateGroupAction:"
                + cloud.ids().uuid() + ":autoScalingGroupName/" + g.name + ":scheduledActionName/" + r.scheduledActionName();
        ScheduledUpdateGroupAction action = ScheduledUpdateGroupAction.builder().autoScalingGroupName(g.name)
                .scheduledActionName(r.scheduledActionName()).scheduledActionARN(arn).startTime(start).time(start)
                .endTime(r.endTime()).recurrence(r.recurrence()).minSize(r.minSize()).maxSize(r.maxSize())
                .desiredCapacity(r.desiredCapacity()).timeZone(r.timeZone()).build();
        Schedules.of(asg.region()).byGroup.computeIfAbsent(g.name, k -> new LinkedHashMap<>()).put(r.scheduledActionName(), action);
        if (start != null && r.recurrence() == null) {
            cloud.schedule(start, () -> run(asg, action));
        }
        return PutScheduledUpdateGroupActionResponse.builder().build();
    }

    /** Runs a one-time action that is still in place (not deleted or replaced) at its time. */
    private void run(AutoScalingRegion asg, ScheduledUpdateGroupAction action) {
        Map<String, ScheduledUpdateGroupAction> actions = Schedules.of(asg.region()).byGroup.get(action.autoScalingGroupName());
        AutoScalingGroup g = asg.groups().get(action.autoScalingGroupName());
        if (g == null || actions == null || actions.get(action.scheduledActionName()) != action) {
            return;
        }
        actions.remove(action.scheduledActionName());
        if (g.suspended("ScheduledActions")) {
            return;
        }
        if (action.minSize() != null) {
            g.minSize = action.minSize();
        }
        if (action.maxSize() != null) {
            g.maxSize = action.maxSize();
        }
        g.desired = Math.max(g.minSize, Math.min(g.maxSize, action.desiredCapacity() != null ? action.desiredCapacity() : g.desired));
        asg.activity(g, "Executing scheduled action " + action.scheduledActionName(),
                "At " + cloud.now() + " a scheduled action update of AutoScalingGroup constraints to min: " + g.minSize
                        + ", max: " + g.maxSize + ", desired: " + g.desired + " changing the desired capacity.");
        asg.requestReconcile(g);
    }

    public DescribeScheduledActionsResponse handle(DescribeScheduledActionsRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        Schedules schedules = Schedules.of(asg.region());
        List<ScheduledUpdateGroupAction> selected = schedules.byGroup.values().stream().flatMap(m -> m.values().stream())
                .filter(a -> r.autoScalingGroupName() == null || a.autoScalingGroupName().equals(r.autoScalingGroupName()))
                .filter(a -> !Pojos.present(r.scheduledActionNames()) || r.scheduledActionNames().isEmpty()
                        || r.scheduledActionNames().contains(a.scheduledActionName()))
                .toList();
        Paging<ScheduledUpdateGroupAction> page = Paging.page(selected, r.maxRecords(), r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeScheduledActionsResponse.builder().scheduledUpdateGroupActions(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteScheduledActionResponse handle(DeleteScheduledActionRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        asg.group(r.autoScalingGroupName());
        Map<String, ScheduledUpdateGroupAction> actions = Schedules.of(asg.region()).byGroup.get(r.autoScalingGroupName());
        if (actions == null || actions.remove(r.scheduledActionName()) == null) {
            throw SimError.client("ValidationError", "Scheduled Update Group Action name not found - Could not find scheduled action "
                    + r.scheduledActionName() + " for AutoScalingGroup " + r.autoScalingGroupName());
        }
        return DeleteScheduledActionResponse.builder().build();
    }

    /** What deleting a group takes with it. */
    public static void groupDeleted(AutoScalingRegion asg, String group) {
        asg.policies.removeIf(p -> p.autoScalingGroupName().equals(group));
        Schedules.of(asg.region()).byGroup.remove(group);
    }
}
