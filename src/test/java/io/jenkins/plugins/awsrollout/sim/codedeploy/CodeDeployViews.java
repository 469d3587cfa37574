package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.AutoScalingGroup;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOverview;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.Diagnostics;
import software.amazon.awssdk.services.codedeploy.model.ErrorInformation;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LastDeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHosts;
import software.amazon.awssdk.services.codedeploy.model.RollbackInfo;

/** The simulator's CodeDeploy state as the SDK's model shapes. */
final class CodeDeployViews {
    private CodeDeployViews() {}

    static ApplicationInfo application(Application a) {
        return ApplicationInfo.builder().applicationId(a.id).applicationName(a.name).createTime(a.createTime).linkedToGitHub(false)
                .computePlatform(a.computePlatform).build();
    }

    static DeploymentConfigInfo config(DeploymentConfig c) {
        return DeploymentConfigInfo.builder().deploymentConfigId(c.id()).deploymentConfigName(c.name())
                .minimumHealthyHosts(MinimumHealthyHosts.builder().type(c.type()).value(c.value()).build())
                .createTime(c.createTime()).computePlatform("Server").build();
    }

    static DeploymentGroupInfo group(CodeDeployRegion region, DeploymentGroup g) {
        DeploymentGroupInfo.Builder b = DeploymentGroupInfo.builder().applicationName(g.application.name).deploymentGroupId(g.id)
                .deploymentGroupName(g.name).deploymentConfigName(g.deploymentConfigName).ec2TagFilters(g.ec2TagFilters)
                .onPremisesInstanceTagFilters(List.of())
                .autoScalingGroups(g.autoScalingGroups.stream().map(name -> AutoScalingGroup.builder().name(name)
                        .hook(g.hooks.computeIfAbsent(name, n -> "CodeDeploy-managed-automatic-launch-deployment-hook-" + g.name + "-"
                                + g.id.substring(0, 8))).build()).toList())
                .serviceRoleArn(g.serviceRoleArn).targetRevision(g.targetRevision).triggerConfigurations(List.of())
                .alarmConfiguration(g.alarmConfiguration).autoRollbackConfiguration(g.autoRollbackConfiguration)
                .deploymentStyle(g.deploymentStyle).outdatedInstancesStrategy(g.outdatedInstancesStrategy)
                .blueGreenDeploymentConfiguration(g.blueGreenDeploymentConfiguration).loadBalancerInfo(g.loadBalancerInfo)
                .ec2TagSet(g.ec2TagSet).computePlatform("Server").terminationHookEnabled(false);
        if (g.lastSuccessfulDeploymentId != null) {
            b.lastSuccessfulDeployment(last(region.deployments().get(g.lastSuccessfulDeploymentId)));
        }
        if (g.lastAttemptedDeploymentId != null) {
            b.lastAttemptedDeployment(last(region.deployments().get(g.lastAttemptedDeploymentId)));
        }
        return b.build();
    }

    private static LastDeploymentInfo last(Deployment d) {
        return LastDeploymentInfo.builder().deploymentId(d.id).status(d.status).createTime(d.createTime).endTime(d.completeTime)
                .build();
    }

    static DeploymentInfo deployment(Deployment d) {
        DeploymentGroup g = d.group;
        DeploymentInfo.Builder b = DeploymentInfo.builder().applicationName(g.application.name).deploymentGroupName(g.name)
                .deploymentConfigName(d.config.name()).deploymentId(d.id).previousRevision(d.previousRevision).revision(d.revision)
                .status(d.status).createTime(d.createTime).startTime(d.startTime).completeTime(d.completeTime)
                .deploymentOverview(DeploymentOverview.builder().pending(d.count("Pending")).inProgress(d.count("InProgress"))
                        .succeeded(d.count("Succeeded")).failed(d.count("Failed")).skipped(d.count("Skipped"))
                        .ready(d.count("Ready")).build())
                .description(d.description).creator(d.creator).ignoreApplicationStopFailures(d.ignoreApplicationStopFailures)
                .autoRollbackConfiguration(d.autoRollback()).updateOutdatedInstancesOnly(d.updateOutdatedInstancesOnly)
                .deploymentStyle(g.deploymentStyle == null ? DeploymentStyle.builder().deploymentType("IN_PLACE")
                        .deploymentOption("WITHOUT_TRAFFIC_CONTROL").build() : g.deploymentStyle)
                .targetInstances(d.targetInstances).instanceTerminationWaitTimeStarted(d.instanceTerminationWaitTimeStarted)
                .blueGreenDeploymentConfiguration(d.blueGreen ? g.blueGreenDeploymentConfiguration : null)
                .loadBalancerInfo(g.loadBalancerInfo).fileExistsBehavior(d.fileExistsBehavior).deploymentStatusMessages(List.of())
                .computePlatform("Server").overrideAlarmConfiguration(d.overrideAlarmConfiguration);
        if (d.errorCode != null && (d.status.equals("Failed") || d.status.equals("Stopped"))) {
            b.errorInformation(ErrorInformation.builder().code(d.errorCode).message(d.errorMessage).build());
        }
        if (d.rollbackDeploymentId != null || d.rollbackTriggeringDeploymentId != null || d.rollbackMessage != null) {
            b.rollbackInfo(RollbackInfo.builder().rollbackDeploymentId(d.rollbackDeploymentId)
                    .rollbackTriggeringDeploymentId(d.rollbackTriggeringDeploymentId).rollbackMessage(d.rollbackMessage).build());
        }
        return b.build();
    }

    static DeploymentTarget target(String region, String accountId, Deployment d,
            io.jenkins.plugins.awsrollout.sim.codedeploy.DeploymentTarget t) {
        return DeploymentTarget.builder().deploymentTargetType("InstanceTarget").instanceTarget(InstanceTarget.builder()
                .deploymentId(d.id).targetId(t.instanceId).targetArn("arn:aws:ec2:" + region + ":" + accountId + ":instance/" + t.instanceId)
                .status(t.status).lastUpdatedAt(t.lastUpdatedAt).lifecycleEvents(events(t)).instanceLabel(t.label).build()).build();
    }

    static List<LifecycleEvent> events(io.jenkins.plugins.awsrollout.sim.codedeploy.DeploymentTarget t) {
        return t.events.stream().map(e -> {
            LifecycleEvent.Builder b = LifecycleEvent.builder().lifecycleEventName(e.name).status(e.status).startTime(e.startTime)
                    .endTime(e.endTime);
            if (e.errorCode != null) {
                b.diagnostics(Diagnostics.builder().errorCode(e.errorCode).scriptName(e.scriptName).message(e.message)
                        .logTail(e.logTail).build());
            }
            return b.build();
        }).toList();
    }
}
