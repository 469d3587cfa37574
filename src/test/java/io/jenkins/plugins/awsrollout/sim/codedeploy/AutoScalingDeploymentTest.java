package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;

/** Instances an Auto Scaling group launches wait in Pending:Wait until CodeDeploy has deployed to them. */
class AutoScalingDeploymentTest extends CodeDeployTestBase {
    private AutoScalingClient autoScaling;

    @BeforeEach
    void clients() {
        autoScaling = SimClients.of(sim).autoScaling();
    }

    @AfterEach
    void closeClients() {
        autoScaling.close();
    }

    private List<Instance> instances() {
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web")).autoScalingGroups().get(0).instances();
    }

    private Set<String> inService() {
        return instances().stream().filter(i -> i.lifecycleStateAsString().equals("InService")).map(Instance::instanceId)
                .collect(Collectors.toSet());
    }

    private List<DeploymentInfo> automatic() {
        List<String> ids = codeDeploy.listDeployments(r -> r.applicationName("web-app").deploymentGroupName("web-dg")).deployments();
        if (ids.isEmpty()) {
            return List.of();
        }
        return codeDeploy.batchGetDeployments(r -> r.deploymentIds(ids)).deploymentsInfo().stream()
                .filter(d -> d.creatorAsString().equals("autoscaling")).toList();
    }

    @Test
    void deploymentGroupInstallsItsLaunchHookOnTheGroup() {
        group("CodeDeployDefault.OneAtATime", r -> { });

        var hooks = autoScaling.describeLifecycleHooks(r -> r.autoScalingGroupName("web")).lifecycleHooks();

        assertThat(hooks).singleElement().satisfies(h -> {
            assertThat(h.lifecycleHookName()).startsWith("CodeDeploy-managed-automatic-launch-deployment-hook-web-dg-");
            assertThat(h.lifecycleTransition()).isEqualTo("autoscaling:EC2_INSTANCE_LAUNCHING");
            assertThat(h.defaultResult()).isEqualTo("ABANDON");
        });
    }

    @Test
    void newInstanceGetsTheLastSuccessfulRevisionBeforeItGoesInService() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        runToEnd(deploy("web/1.0.zip"));
        Set<String> before = inService();

        autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(5),
                () -> instances().stream().anyMatch(i -> i.lifecycleStateAsString().equals("Pending:Wait")));
        String fresh = instances().stream().filter(i -> !before.contains(i.instanceId())).findFirst().orElseThrow().instanceId();
        assertThat(automatic()).singleElement().satisfies(d -> assertThat(d.revision().s3Location().key()).isEqualTo("web/1.0.zip"));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(10), () -> inService().contains(fresh));

        DeploymentInfo auto = automatic().get(0);
        assertThat(auto.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(codeDeploy.listDeploymentTargets(r -> r.deploymentId(auto.deploymentId())).targetIds()).containsExactly(fresh);
        assertThat(sim.state().targetHealth("web-tg").get(fresh).state()).isEqualTo("healthy");
        var group = codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg")).deploymentGroupInfo();
        assertThat(group.lastSuccessfulDeployment().deploymentId()).isNotEqualTo(auto.deploymentId());
    }

    @Test
    void failedAutomaticDeploymentAbandonsTheInstanceAndTheGroupReplacesIt() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        runToEnd(deploy("web/1.0.zip"));
        Set<String> before = inService();
        sim.faults().failHook("web-app", "web-dg", "ValidateService", 1);

        autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(5), Duration.ofMinutes(30), () -> inService().size() == 5);

        List<DeploymentInfo> automatic = automatic();
        assertThat(automatic).extracting(DeploymentInfo::status)
                .containsExactlyInAnyOrder(DeploymentStatus.FAILED, DeploymentStatus.SUCCEEDED);
        String abandoned = codeDeploy.listDeploymentTargets(r -> r.deploymentId(automatic.stream()
                .filter(d -> d.status() == DeploymentStatus.FAILED).findFirst().orElseThrow().deploymentId())).targetIds().get(0);
        assertThat(inService()).containsAll(before).doesNotContain(abandoned);
        assertThat(sim.state().instance(abandoned).state()).isIn("shutting-down", "terminated");
    }

    @Test
    void withoutASuccessfulRevisionNewInstancesGoInServiceAtOnce() {
        group("CodeDeployDefault.OneAtATime", r -> { });

        autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(5), () -> inService().size() == 5);

        assertThat(automatic()).isEmpty();
    }

    @Test
    void userDeploymentIsNotBlockedByAnAutomaticOne() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        runToEnd(deploy("web/1.0.zip"));
        autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(5));
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(5), () -> !automatic().isEmpty());

        String user = deploy("web/2.0.zip");

        assertThat(info(user).status()).isEqualTo(DeploymentStatus.CREATED);
    }
}
