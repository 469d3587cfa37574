package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksResponse;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookRequest;
import software.amazon.awssdk.services.autoscaling.model.PutLifecycleHookResponse;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatRequest;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatResponse;

/**
 * Lifecycle hooks: a launching instance waits in Pending:Wait (a terminating one in
 * Terminating:Wait) until every hook of that transition is completed, or the heartbeat timeout
 * applies the default result. CodeDeploy's automatic deployments to new instances build on this.
 */
public final class LifecycleHookActions {
    private final Cloud cloud;

    public LifecycleHookActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private AutoScalingRegion asg(RequestContext context) {
        return cloud.region(context).autoScaling();
    }

    public PutLifecycleHookResponse handle(PutLifecycleHookRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        LifecycleHook existing = g.hooks.get(r.lifecycleHookName());
        String transition = r.lifecycleTransition() != null ? r.lifecycleTransition()
                : existing != null ? existing.lifecycleTransition() : null;
        if (!AutoScalingRegion.LAUNCHING.equals(transition) && !AutoScalingRegion.TERMINATING.equals(transition)) {
            throw SimError.client("ValidationError", "Invalid Lifecycle Transition: " + transition);
        }
        int heartbeat = r.heartbeatTimeout() != null ? r.heartbeatTimeout() : existing != null ? existing.heartbeatTimeout() : 3600;
        asg.putHook(g, LifecycleHook.builder().lifecycleHookName(r.lifecycleHookName()).autoScalingGroupName(g.name)
                .lifecycleTransition(transition).heartbeatTimeout(heartbeat).globalTimeout(heartbeat * 100)
                .defaultResult(r.defaultResult() != null ? r.defaultResult() : existing != null ? existing.defaultResult() : "ABANDON")
                .notificationMetadata(r.notificationMetadata()).notificationTargetARN(r.notificationTargetARN()).roleARN(r.roleARN())
                .build());
        return PutLifecycleHookResponse.builder().build();
    }

    public DescribeLifecycleHooksResponse handle(DescribeLifecycleHooksRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        return DescribeLifecycleHooksResponse.builder().lifecycleHooks(g.hooks.values().stream()
                .filter(h -> !Pojos.present(r.lifecycleHookNames()) || r.lifecycleHookNames().isEmpty()
                        || r.lifecycleHookNames().contains(h.lifecycleHookName()))
                .toList()).build();
    }

    public DeleteLifecycleHookResponse handle(DeleteLifecycleHookRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        if (g.hooks.remove(r.lifecycleHookName()) == null) {
            throw SimError.client("ValidationError", "No Lifecycle Hook found with name " + r.lifecycleHookName()
                    + " for Auto Scaling group " + g.name);
        }
        return DeleteLifecycleHookResponse.builder().build();
    }

    private GroupMember waiting(AutoScalingRegion asg, AutoScalingGroup g, String hookName, String instanceId, String token) {
        if (!g.hooks.containsKey(hookName)) {
            throw SimError.client("ValidationError", "No Lifecycle Hook found with name " + hookName + " for Auto Scaling group " + g.name);
        }
        GroupMember m = asg.waitingMember(g, instanceId, token);
        if (m == null || !m.waitingHooks.contains(hookName)) {
            throw SimError.client("ValidationError", "No active Lifecycle Action found with instance ID " + instanceId);
        }
        return m;
    }

    public CompleteLifecycleActionResponse handle(CompleteLifecycleActionRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        if (!"CONTINUE".equals(r.lifecycleActionResult()) && !"ABANDON".equals(r.lifecycleActionResult())) {
            throw SimError.client("ValidationError", "Invalid LifecycleActionResult: " + r.lifecycleActionResult());
        }
        GroupMember m = waiting(asg, g, r.lifecycleHookName(), r.instanceId(), r.lifecycleActionToken());
        asg.completeLifecycleAction(g, m, r.lifecycleHookName(), r.lifecycleActionResult());
        return CompleteLifecycleActionResponse.builder().build();
    }

    public RecordLifecycleActionHeartbeatResponse handle(RecordLifecycleActionHeartbeatRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        asg.heartbeat(g, waiting(asg, g, r.lifecycleHookName(), r.instanceId(), r.lifecycleActionToken()));
        return RecordLifecycleActionHeartbeatResponse.builder().build();
    }
}
