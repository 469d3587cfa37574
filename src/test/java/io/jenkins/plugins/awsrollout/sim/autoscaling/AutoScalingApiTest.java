package io.jenkins.plugins.awsrollout.sim.autoscaling;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Groups built through the API: launch templates, mixed instances policies, launch configurations. */
class AutoScalingApiTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private AutoScalingClient asg;
    private ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .launchTemplate("app-lt", lt -> lt.image("base").instanceType("t3.micro"))
                .targetGroup("app-tg")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withHealthCheck(Duration.ofSeconds(10))).build(), clock);
        asg = SimClients.of(sim).autoScaling();
        elb = SimClients.of(sim).elbV2();
    }

    @AfterEach
    void stop() {
        asg.close();
        elb.close();
        sim.close();
    }

    private AutoScalingGroup group(String name) {
        return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
    }

    @Test
    void createdGroupLaunchesItsDesiredCapacityAndTagsItsInstances() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(1).maxSize(4).desiredCapacity(2)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("$Latest"))
                .tags(t -> t.key("team").value("web").propagateAtLaunch(true)));

        assertThat(group("app").instances()).hasSize(2).allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("Pending"));
        clock.advance(Duration.ofSeconds(20));

        assertThat(group("app").instances()).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(i.launchTemplate().version()).isEqualTo("1");
        });
        assertThat(sim.state().instances()).allSatisfy(i -> {
            assertThat(i.tags()).containsEntry("team", "web");
            assertThat(i.groupName()).isEqualTo("app");
        });
        assertThatThrownBy(() -> asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(1).maxSize(1)
                .launchTemplate(t -> t.launchTemplateName("app-lt")))).isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExists"));
    }

    @Test
    void groupsLaunchTemplate_isDescribedByIdAndName_whicheverTheRequestGave() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(0).maxSize(2).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));
        String id = group("app").launchTemplate().launchTemplateId();
        assertThat(id).startsWith("lt-");

        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName("app").launchTemplate(t -> t.launchTemplateId(id).version("1")));

        assertThat(group("app").launchTemplate()).satisfies(t -> {
            assertThat(t.launchTemplateId()).isEqualTo(id);
            assertThat(t.launchTemplateName()).isEqualTo("app-lt");
            assertThat(t.version()).isEqualTo("1");
        });
    }

    @Test
    void mixedInstancesPolicyRotatesItsInstanceTypes() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("mixed").minSize(2).maxSize(2)
                .mixedInstancesPolicy(m -> m.launchTemplate(t -> t.launchTemplateSpecification(s -> s.launchTemplateName("app-lt").version("1"))
                        .overrides(o -> o.instanceType("m5.large"), o -> o.instanceType("c5.large")))));

        assertThat(group("mixed").instances()).extracting(i -> i.instanceType()).containsExactly("m5.large", "c5.large");
        assertThat(group("mixed").mixedInstancesPolicy().launchTemplate().overrides()).hasSize(2);
    }

    @Test
    void legacyGroupLaunchesFromItsLaunchConfiguration() {
        asg.createLaunchConfiguration(r -> r.launchConfigurationName("legacy-lc").imageId(sim.state().image("base").id())
                .instanceType("m4.large"));
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("legacy").minSize(1).maxSize(1).launchConfigurationName("legacy-lc"));

        assertThat(group("legacy").launchConfigurationName()).isEqualTo("legacy-lc");
        assertThat(group("legacy").instances()).singleElement().satisfies(i -> {
            assertThat(i.launchConfigurationName()).isEqualTo("legacy-lc");
            assertThat(i.instanceType()).isEqualTo("m4.large");
        });
        assertThat(asg.describeLaunchConfigurations().launchConfigurations()).extracting(c -> c.launchConfigurationName())
                .containsExactly("legacy-lc");
    }

    @Test
    void attachedTargetGroupsRegisterTheGroupsInstances() {
        String tgArn = elb.describeTargetGroups(r -> r.names("app-tg")).targetGroups().get(0).targetGroupArn();
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(2).maxSize(2)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));
        clock.advance(Duration.ofSeconds(20));

        asg.attachLoadBalancerTargetGroups(r -> r.autoScalingGroupName("app").targetGroupARNs(tgArn));
        clock.advance(Duration.ofSeconds(20));

        assertThat(sim.state().targetHealth("app-tg").values()).hasSize(2).allSatisfy(s -> assertThat(s.state()).isEqualTo("healthy"));
        assertThat(asg.describeLoadBalancerTargetGroups(r -> r.autoScalingGroupName("app")).loadBalancerTargetGroups())
                .singleElement().satisfies(s -> assertThat(s.loadBalancerTargetGroupARN()).isEqualTo(tgArn));
        assertThat(sim.capacity("app").latest().healthyInService()).isEqualTo(2);

        asg.detachLoadBalancerTargetGroups(r -> r.autoScalingGroupName("app").targetGroupARNs(tgArn));
        assertThat(sim.state().targetHealth("app-tg").values()).allSatisfy(s -> assertThat(s.state()).isEqualTo("draining"));
    }

    /** What Ansible's autoscaling_group sends on every update (Disable, unless metrics_collection is on). */
    @Test
    void metricsCollectionIsKeptPerMetricAndShownAsEnabledMetrics() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(0).maxSize(2).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));

        asg.enableMetricsCollection(r -> r.autoScalingGroupName("app").granularity("1Minute"));
        assertThat(group("app").enabledMetrics()).hasSize(20).allSatisfy(m -> assertThat(m.granularity()).isEqualTo("1Minute"));

        asg.disableMetricsCollection(r -> r.autoScalingGroupName("app").metrics("GroupMinSize", "GroupMaxSize"));
        assertThat(group("app").enabledMetrics()).hasSize(18).noneMatch(m -> m.metric().equals("GroupMinSize"));

        asg.disableMetricsCollection(r -> r.autoScalingGroupName("app"));
        assertThat(group("app").enabledMetrics()).isEmpty();

        asg.enableMetricsCollection(r -> r.autoScalingGroupName("app").granularity("1Minute").metrics("GroupInServiceInstances"));
        assertThat(group("app").enabledMetrics()).extracting(m -> m.metric()).containsExactly("GroupInServiceInstances");
        assertThatThrownBy(() -> asg.enableMetricsCollection(r -> r.autoScalingGroupName("app").granularity("5Minute")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> asg.disableMetricsCollection(r -> r.autoScalingGroupName("app").metrics("GroupCpu")))
                .isInstanceOfSatisfying(AutoScalingException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void suspendedLaunchKeepsTheGroupShortUntilResumed() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(0).maxSize(4).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));
        asg.suspendProcesses(r -> r.autoScalingGroupName("app").scalingProcesses("Launch"));
        asg.setDesiredCapacity(r -> r.autoScalingGroupName("app").desiredCapacity(3));
        clock.advance(Duration.ofMinutes(1));
        assertThat(group("app").instances()).isEmpty();

        asg.resumeProcesses(r -> r.autoScalingGroupName("app"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(group("app").instances()).hasSize(3);
    }

    @Test
    void scalingPoliciesAreStoredAndDescribed() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(0).maxSize(4).desiredCapacity(0)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));

        String arn = asg.putScalingPolicy(r -> r.autoScalingGroupName("app").policyName("cpu").policyType("TargetTrackingScaling")
                .targetTrackingConfiguration(t -> t.targetValue(50.0).predefinedMetricSpecification(p -> p.predefinedMetricType("ASGAverageCPUUtilization"))))
                .policyARN();

        assertThat(asg.describePolicies(r -> r.autoScalingGroupName("app")).scalingPolicies()).singleElement().satisfies(p -> {
            assertThat(p.policyARN()).isEqualTo(arn);
            assertThat(p.targetTrackingConfiguration().targetValue()).isEqualTo(50.0);
        });
    }

    @Test
    void deletingAGroupWithInstancesNeedsForceDelete() {
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName("app").minSize(1).maxSize(1)
                .launchTemplate(t -> t.launchTemplateName("app-lt").version("1")));

        assertThatThrownBy(() -> asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("app")))
                .isInstanceOfSatisfying(AutoScalingException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse"));
        asg.deleteAutoScalingGroup(r -> r.autoScalingGroupName("app").forceDelete(true));
        clock.advance(Duration.ofMinutes(1));

        assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
        assertThat(sim.state().instances()).allSatisfy(i -> assertThat(i.state()).isEqualTo("terminated"));
    }
}
