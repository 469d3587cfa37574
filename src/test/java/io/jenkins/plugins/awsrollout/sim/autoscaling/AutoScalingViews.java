package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.EnabledMetric;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshLivePoolProgress;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefreshProgressDetails;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.autoscaling.model.RollbackDetails;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** Renders groups, instances, activities and refreshes as Auto Scaling returns them. */
final class AutoScalingViews {
    private AutoScalingViews() {}

    static software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup group(AutoScalingGroup g, boolean includeInstances) {
        var b = software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup.builder()
                .autoScalingGroupName(g.name)
                .autoScalingGroupARN(g.arn)
                .minSize(g.minSize)
                .maxSize(g.maxSize)
                .desiredCapacity(g.desired)
                .defaultCooldown(g.defaultCooldown)
                .availabilityZones(g.availabilityZones)
                .loadBalancerNames(List.copyOf(g.loadBalancerNames))
                .targetGroupARNs(List.copyOf(g.targetGroupArns))
                .healthCheckType(g.healthCheckType)
                .healthCheckGracePeriod(g.healthCheckGracePeriod)
                .createdTime(g.createdTime)
                .suspendedProcesses(g.suspended.entrySet().stream().map(e -> SuspendedProcess.builder().processName(e.getKey())
                        .suspensionReason(e.getValue()).build()).toList())
                .enabledMetrics(g.enabledMetrics.entrySet().stream().map(e -> EnabledMetric.builder().metric(e.getKey())
                        .granularity(e.getValue()).build()).toList())
                .vpcZoneIdentifier(g.vpcZoneIdentifier)
                .tags(g.tags.entrySet().stream().map(e -> TagDescription.builder().resourceId(g.name)
                        .resourceType("auto-scaling-group").key(e.getKey()).value(e.getValue())
                        .propagateAtLaunch(g.propagatedTags.contains(e.getKey())).build()).toList())
                .terminationPolicies(g.terminationPolicies)
                .newInstancesProtectedFromScaleIn(g.newInstancesProtectedFromScaleIn)
                .defaultInstanceWarmup(g.defaultInstanceWarmup)
                .maxInstanceLifetime(g.maxInstanceLifetime)
                .capacityRebalance(g.capacityRebalance)
                .instanceMaintenancePolicy(g.instanceMaintenancePolicy)
                .serviceLinkedRoleARN("arn:aws:iam::" + g.arn.split(":")[4]
                        + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        if (g.source != null) {
            b.launchTemplate(g.source.launchTemplate()).mixedInstancesPolicy(g.source.mixedInstancesPolicy())
                    .launchConfigurationName(g.source.launchConfigurationName());
        }
        if (includeInstances) {
            b.instances(g.members.values().stream().map(AutoScalingViews::instance).toList());
        }
        return b.build();
    }

    static software.amazon.awssdk.services.autoscaling.model.Instance instance(GroupMember m) {
        return software.amazon.awssdk.services.autoscaling.model.Instance.builder()
                .instanceId(m.instanceId)
                .instanceType(m.instanceType)
                .availabilityZone(m.availabilityZone)
                .lifecycleState(m.lifecycleState)
                .healthStatus(m.healthStatus)
                .launchConfigurationName(m.launchConfigurationName)
                .launchTemplate(template(m))
                .imageId(m.imageId)
                .protectedFromScaleIn(m.protectedFromScaleIn)
                .build();
    }

    private static LaunchTemplateSpecification template(GroupMember m) {
        return m.launchTemplateId == null ? null : LaunchTemplateSpecification.builder().launchTemplateId(m.launchTemplateId)
                .launchTemplateName(m.launchTemplateName).version(m.launchTemplateVersion).build();
    }

    static AutoScalingInstanceDetails details(AutoScalingGroup g, GroupMember m) {
        return AutoScalingInstanceDetails.builder()
                .instanceId(m.instanceId)
                .instanceType(m.instanceType)
                .autoScalingGroupName(g.name)
                .availabilityZone(m.availabilityZone)
                .lifecycleState(m.lifecycleState)
                // DescribeAutoScalingInstances spells health in capitals, unlike DescribeAutoScalingGroups.
                .healthStatus(m.healthStatus.toUpperCase())
                .launchConfigurationName(m.launchConfigurationName)
                .launchTemplate(template(m))
                .protectedFromScaleIn(m.protectedFromScaleIn)
                .build();
    }

    static software.amazon.awssdk.services.autoscaling.model.Activity activity(AutoScalingGroup g, Activity a) {
        return software.amazon.awssdk.services.autoscaling.model.Activity.builder()
                .activityId(a.id)
                .autoScalingGroupName(a.groupName)
                .autoScalingGroupARN(g == null ? null : g.arn)
                .description(a.description)
                .cause(a.cause)
                .startTime(a.startTime)
                .endTime(a.endTime)
                .statusCode(a.statusCode)
                .statusMessage(a.statusMessage)
                .progress(a.progress)
                .details("{\"Subnet ID\":\"\",\"Availability Zone\":\"\"}")
                .build();
    }

    static software.amazon.awssdk.services.autoscaling.model.InstanceRefresh refresh(InstanceRefresh r) {
        RefreshPreferences shown = r.preferences.toBuilder()
                .minHealthyPercentage(r.minHealthy())
                .maxHealthyPercentage(r.maxHealthy())
                .skipMatching(Boolean.TRUE.equals(r.preferences.skipMatching()))
                .autoRollback(Boolean.TRUE.equals(r.preferences.autoRollback()))
                .scaleInProtectedInstances(r.scaleInProtected())
                .standbyInstances(r.standby())
                .checkpointDelay(Pojos.present(r.checkpoints()) && !r.checkpoints().isEmpty() ? (int) r.checkpointDelaySeconds() : null)
                .build();
        var b = software.amazon.awssdk.services.autoscaling.model.InstanceRefresh.builder()
                .instanceRefreshId(r.id)
                .autoScalingGroupName(r.groupName)
                .status(r.status)
                .statusReason(r.statusReason)
                .startTime(r.startTime)
                .endTime(r.endTime)
                .preferences(shown)
                .desiredConfiguration(r.desiredConfiguration == null ? null : r.desiredConfiguration)
                .strategy(r.strategy);
        if (r.rollingBack) {
            int forwardPercent = r.forwardTotal == 0 ? 0 : Math.min(100, r.forwardDone * 100 / r.forwardTotal);
            // While rolling back, the forward progress falls back toward 0 as rollback replacements count.
            int remainingForward = Math.max(0, forwardPercent - r.percentageComplete() * forwardPercent / 100);
            b.percentageComplete(remainingForward)
                    .instancesToUpdate(r.forwardTotal - r.forwardDone)
                    .progressDetails(progress(remainingForward, r.forwardTotal - r.forwardDone))
                    .rollbackDetails(RollbackDetails.builder()
                            .rollbackReason(r.rollbackReason)
                            .rollbackStartTime(r.rollbackStartTime)
                            .percentageCompleteOnRollback(r.percentageComplete())
                            .instancesToUpdateOnRollback(r.instancesToUpdate())
                            .progressDetailsOnRollback(progress(r.percentageComplete(), r.instancesToUpdate()))
                            .build());
        } else {
            b.percentageComplete(r.percentageComplete())
                    .instancesToUpdate(r.instancesToUpdate())
                    .progressDetails(progress(r.percentageComplete(), r.instancesToUpdate()));
        }
        return b.build();
    }

    private static InstanceRefreshProgressDetails progress(int percent, int toUpdate) {
        return InstanceRefreshProgressDetails.builder().livePoolProgress(InstanceRefreshLivePoolProgress.builder()
                .percentageComplete(percent).instancesToUpdate(toUpdate).build()).build();
    }

}
