package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIsNotInReadyStateException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.TargetLabel;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;
import software.amazon.awssdk.services.codedeploy.model.UnsupportedActionForDeploymentTypeException;

/** Blue/green deployments: replacement fleet, Ready and ContinueDeployment, traffic moved, originals terminated. */
class BlueGreenDeploymentTest extends CodeDeployTestBase {

    @Override
    World.Builder world() {
        return Fixtures.web(4).autoScalingGroup("web-green", g -> g.launchTemplate("web-lt").launchTemplateVersion("2").instances(4));
    }

    private void blueGreenGroup(Consumer<BlueGreenDeploymentConfiguration.Builder> bg) {
        codeDeploy.createDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg").autoScalingGroups("web")
                .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole")
                .deploymentConfigName("CodeDeployDefault.HalfAtATime")
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .loadBalancerInfo(l -> l.targetGroupInfoList(t -> t.name("web-tg")))
                .blueGreenDeploymentConfiguration(bg));
    }

    private String deployToGreen() {
        return deploy("web/2.0.zip", r -> r.targetInstances(t -> t.autoScalingGroups("web-green")));
    }

    private Set<String> inTargetGroup() {
        return sim.cloud().locked(() -> {
            TargetGroup tg = sim.cloud().defaultRegion().elb().targetGroupByName("web-tg");
            return tg.registrations().keySet().stream().filter(tg::healthy).collect(Collectors.toSet());
        });
    }

    private Set<String> labelled(String id, TargetLabel label) {
        return targets(id).stream().filter(t -> t.instanceLabel() == label).map(InstanceTarget::targetId).collect(Collectors.toSet());
    }

    @Test
    void stopDeploymentOptionWaitsInReadyUntilContinueThenMovesTraffic() {
        blueGreenGroup(bg -> bg.greenFleetProvisioningOption(g -> g.action("DISCOVER_EXISTING"))
                .deploymentReadyOption(o -> o.actionOnTimeout("STOP_DEPLOYMENT").waitTimeInMinutes(60))
                .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("KEEP_ALIVE")));
        Set<String> blue = inTargetGroup();
        String id = deployToGreen();
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(30), () -> info(id).status() == DeploymentStatus.READY);

        DeploymentInfo ready = info(id);
        assertThat(ready.deploymentOverview().ready()).isEqualTo(4);
        assertThat(ready.deploymentOverview().pending()).isEqualTo(4);
        assertThat(labelled(id, TargetLabel.BLUE)).isEqualTo(blue);
        Set<String> green = labelled(id, TargetLabel.GREEN);
        assertThat(green).hasSize(4).doesNotContainAnyElementsOf(blue);
        assertThat(inTargetGroup()).isEqualTo(blue);
        clock.advance(Duration.ofMinutes(30));
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.READY);

        codeDeploy.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT));
        runToEnd(id);

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(inTargetGroup()).isEqualTo(green);
        List<InstanceTarget> targets = targets(id);
        assertThat(targets).filteredOn(t -> t.instanceLabel() == TargetLabel.GREEN).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TargetStatus.SUCCEEDED);
            assertThat(t.lifecycleEvents()).extracting(LifecycleEvent::lifecycleEventName).containsExactly("ApplicationStop",
                    "DownloadBundle", "BeforeInstall", "Install", "AfterInstall", "ApplicationStart", "ValidateService",
                    "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");
        });
        assertThat(targets).filteredOn(t -> t.instanceLabel() == TargetLabel.BLUE).allSatisfy(t ->
                assertThat(t.lifecycleEvents()).extracting(LifecycleEvent::lifecycleEventName)
                        .containsExactly("BeforeBlockTraffic", "BlockTraffic", "AfterBlockTraffic"));
        assertThat(sim.state().instances()).filteredOn(i -> blue.contains(i.id())).allSatisfy(i -> assertThat(i.state()).isEqualTo("running"));
    }

    @Test
    void readyDeploymentIsStoppedWhenNobodyContinuesWithinTheWaitTime() {
        blueGreenGroup(bg -> bg.greenFleetProvisioningOption(g -> g.action("DISCOVER_EXISTING"))
                .deploymentReadyOption(o -> o.actionOnTimeout("STOP_DEPLOYMENT").waitTimeInMinutes(10)));
        Set<String> blue = inTargetGroup();
        String id = deployToGreen();
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(30), () -> info(id).status() == DeploymentStatus.READY);

        clock.advance(Duration.ofMinutes(10));

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(info(id).errorInformation().codeAsString()).isEqualTo("TIMEOUT");
        assertThat(inTargetGroup()).isEqualTo(blue);
    }

    @Test
    void continueDeploymentOptionCopiesTheGroupMovesTrafficAndTerminatesTheOriginalAfterTheWait() {
        blueGreenGroup(bg -> bg.greenFleetProvisioningOption(g -> g.action("COPY_AUTO_SCALING_GROUP"))
                .deploymentReadyOption(o -> o.actionOnTimeout("CONTINUE_DEPLOYMENT"))
                .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("TERMINATE").terminationWaitTimeInMinutes(5)));
        Set<String> blue = inTargetGroup();
        String id = deploy("web/2.0.zip");
        Fixtures.advanceUntil(clock, Duration.ofSeconds(5), Duration.ofHours(1), () -> Boolean.TRUE.equals(
                info(id).instanceTerminationWaitTimeStarted()));

        String copy = "CodeDeploy_web-dg_" + id;
        try (AutoScalingClient asg = io.jenkins.plugins.awsrollout.sim.SimClients.of(sim).autoScaling()) {
            assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(copy)).autoScalingGroups()).singleElement()
                    .satisfies(g -> assertThat(g.desiredCapacity()).isEqualTo(4));
            assertThat(info(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
            Set<String> green = labelled(id, TargetLabel.GREEN);
            assertThat(inTargetGroup()).isEqualTo(green);

            codeDeploy.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.TERMINATION_WAIT));
            clock.advance(Duration.ofMinutes(1));

            assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
            assertThat(asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups()).isEmpty();
            assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg"))
                    .deploymentGroupInfo().autoScalingGroups()).extracting(g -> g.name()).containsExactly(copy);
            assertThat(sim.state().instances()).filteredOn(i -> blue.contains(i.id()))
                    .allSatisfy(i -> assertThat(i.state()).isIn("shutting-down", "terminated"));
        }
    }

    @Test
    void continueDeploymentIsRefusedForInPlaceAndBeforeReady() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String inPlace = deploy("web/1.0.zip");
        assertThatThrownBy(() -> codeDeploy.continueDeployment(r -> r.deploymentId(inPlace)))
                .isInstanceOf(UnsupportedActionForDeploymentTypeException.class);
        runToEnd(inPlace);

        codeDeploy.createDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("bg")
                .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole").autoScalingGroups("web")
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .loadBalancerInfo(l -> l.targetGroupInfoList(t -> t.name("web-tg")))
                .blueGreenDeploymentConfiguration(bg -> bg.deploymentReadyOption(o -> o.actionOnTimeout("STOP_DEPLOYMENT").waitTimeInMinutes(5))));
        String blueGreen = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("bg")
                .targetInstances(t -> t.autoScalingGroups("web-green"))
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key("web/2.0.zip").bundleType("zip"))))
                .deploymentId();
        assertThatThrownBy(() -> codeDeploy.continueDeployment(r -> r.deploymentId(blueGreen)))
                .isInstanceOf(DeploymentIsNotInReadyStateException.class);
    }
}
