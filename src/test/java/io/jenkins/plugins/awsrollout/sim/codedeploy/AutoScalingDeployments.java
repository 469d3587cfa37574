package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudListener;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingGroup;
import io.jenkins.plugins.awsrollout.sim.autoscaling.GroupMember;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;

/**
 * CodeDeploy's automatic deployments to new Auto Scaling instances. A deployment group installs a
 * launch lifecycle hook ({@code CodeDeploy-managed-automatic-launch-deployment-hook-<group>-<id>},
 * heartbeat 600 s, default ABANDON) on each of its Auto Scaling groups. An instance that the group
 * launches waits in Pending:Wait; CodeDeploy deploys the deployment group's last successful
 * revision to it (a deployment with creator {@code autoscaling}, OneAtATime, no rollback) and
 * completes the lifecycle action with CONTINUE when that succeeds, ABANDON when it fails (the
 * group then replaces the instance). With no successful revision yet it continues at once.
 */
final class AutoScalingDeployments implements CloudListener {
    static final String CREATOR = "autoscaling";
    static final int HEARTBEAT_SECONDS = 600;

    private final Cloud cloud;
    /** Instance id + hook name already handled, so a state change seen twice deploys once. */
    private final Set<String> handled = new HashSet<>();

    AutoScalingDeployments(Cloud cloud) {
        this.cloud = cloud;
    }

    /** The listener to register in {@code Services.listen}. */
    static CloudListener listener(Cloud cloud) {
        return new AutoScalingDeployments(cloud);
    }

    /** Installs (once) the deployment group's launch hook on an Auto Scaling group. */
    static void installHook(CloudRegion region, DeploymentGroup group, String autoScalingGroup) {
        AutoScalingGroup asg = region.autoScaling().groups().get(autoScalingGroup);
        if (asg == null) {
            return;
        }
        String name = group.hooks.computeIfAbsent(autoScalingGroup,
                n -> "CodeDeploy-managed-automatic-launch-deployment-hook-" + group.name + "-" + group.id.substring(0, 8));
        region.autoScaling().putHook(asg, LifecycleHook.builder().lifecycleHookName(name).autoScalingGroupName(autoScalingGroup)
                .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(HEARTBEAT_SECONDS)
                .globalTimeout(HEARTBEAT_SECONDS * 100).defaultResult("ABANDON").build());
    }

    @Override
    public void instanceStateChanged(Instance instance, String previousState) {
        if (!instance.running()) {
            return;
        }
        CloudRegion region = cloud.region(instance.region());
        AutoScalingGroup asg = region.autoScaling().groupOf(instance.id());
        if (asg == null) {
            return;
        }
        GroupMember member = region.autoScaling().waitingMember(asg, instance.id(), null);
        if (member == null || !member.lifecycleState().equals("Pending:Wait")) {
            return;
        }
        CodeDeployRegion codeDeploy = CodeDeployRegion.of(region);
        for (Application application : codeDeploy.applications().values()) {
            for (DeploymentGroup group : application.groups.values()) {
                String hook = group.hooks.get(asg.name());
                if (hook != null && group.autoScalingGroups.contains(asg.name()) && handled.add(instance.id() + "/" + hook)) {
                    deploy(region, codeDeploy, group, asg, member, hook, instance.id());
                }
            }
        }
    }

    private void deploy(CloudRegion region, CodeDeployRegion codeDeploy, DeploymentGroup group, AutoScalingGroup asg,
            GroupMember member, String hook, String instanceId) {
        if (group.targetRevision == null) {
            region.autoScaling().completeLifecycleAction(asg, member, hook, "CONTINUE");
            return;
        }
        Deployment d = codeDeploy.createDeployment(group, codeDeploy.config(DeploymentConfig.ONE_AT_A_TIME), group.targetRevision,
                CREATOR, "Automatic deployment of the last successful revision to new instance " + instanceId, false, false,
                "DISALLOW", null, AutoRollbackConfiguration.builder().enabled(false).build(), null, List.of(instanceId));
        d.onComplete = status -> {
            GroupMember waiting = region.autoScaling().waitingMember(asg, instanceId, null);
            if (waiting != null) {
                region.autoScaling().completeLifecycleAction(asg, waiting, hook, status.equals("Succeeded") ? "CONTINUE" : "ABANDON");
            }
        };
    }
}
