package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

class FleetReaderTest {

    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef";

    private static Instance instance(String id, String lifecycle, String health, String version) {
        return Instance.builder().instanceId(id).availabilityZone("us-east-1a").lifecycleState(lifecycle).healthStatus(health)
                .launchTemplate(t -> t.launchTemplateId("lt-1").launchTemplateName("web").version(version)).protectedFromScaleIn(false)
                .build();
    }

    private static TargetHealthDescription target(String id, String state, String reason) {
        return TargetHealthDescription.builder().target(t -> t.id(id)).targetHealth(h -> h.state(state).reason(reason)).build();
    }

    private static InstanceState classic(String id, String state, String description) {
        return InstanceState.builder().instanceId(id).state(state).reasonCode("Instance").description(description).build();
    }

    private static AutoScalingGroup group(Instance... instances) {
        return AutoScalingGroup.builder().autoScalingGroupName("web").desiredCapacity(instances.length).minSize(1).maxSize(10)
                .launchTemplate(t -> t.launchTemplateId("lt-1").launchTemplateName("web").version("1"))
                .targetGroupARNs(TG).loadBalancerNames("web-elb").healthCheckGracePeriod(60).instances(instances)
                .suspendedProcesses(p -> p.processName("AZRebalance").suspensionReason("User suspended")).build();
    }

    @Test
    void fleet_mergesEveryLoadBalancerIntoOneStandingPerInstance() {
        AutoScalingGroup group = group(
                instance("i-ok", "InService", "Healthy", "1"),
                instance("i-initial", "InService", "Healthy", "2"),
                instance("i-draining", "InService", "Healthy", "1"),
                instance("i-missing", "InService", "Healthy", "1"),
                instance("i-classic-down", "InService", "Healthy", "1"),
                instance("i-asg-sick", "InService", "Unhealthy", "1"),
                instance("i-booting", "Pending", "Healthy", "2"));
        Map<String, List<TargetHealthDescription>> targets = Map.of(TG, List.of(
                target("i-ok", "healthy", null), target("i-initial", "initial", "Elb.InitialHealthChecking"),
                target("i-draining", "draining", "Target.DeregistrationInProgress"), target("i-classic-down", "healthy", null),
                target("i-asg-sick", "healthy", null)));
        Map<String, List<InstanceState>> classics = Map.of("web-elb", List.of(
                classic("i-ok", "InService", "N/A"), classic("i-initial", "OutOfService", "Instance registration is still in progress."),
                classic("i-draining", "InService", "Instance deregistration currently in progress."), classic("i-missing", "InService", "N/A"),
                classic("i-classic-down", "OutOfService", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively."),
                classic("i-asg-sick", "InService", "N/A")));

        Fleet fleet = FleetReader.fleet(group, targets, classics);

        assertThat(fleet.healthy()).isEqualTo(1);
        assertThat(fleet.pending()).isEqualTo(1);
        assertThat(fleet.member("i-ok").healthy()).isTrue();
        assertThat(fleet.member("i-initial").traffic()).isEqualTo(FleetMember.Traffic.UNHEALTHY);
        assertThat(fleet.member("i-initial").describeHealth()).isEqualTo("i-initial (initial in web-tg: Elb.InitialHealthChecking)");
        assertThat(fleet.member("i-draining").traffic()).isEqualTo(FleetMember.Traffic.DRAINING);
        assertThat(fleet.member("i-missing").traffic()).isEqualTo(FleetMember.Traffic.NOT_REGISTERED);
        assertThat(fleet.member("i-missing").describeHealth()).isEqualTo("i-missing (not registered in web-tg)");
        assertThat(fleet.member("i-classic-down").describeHealth()).startsWith("i-classic-down (OutOfService in web-elb");
        assertThat(fleet.member("i-asg-sick").describeHealth()).isEqualTo("i-asg-sick (Unhealthy in Auto Scaling)");
        assertThat(fleet.member("i-initial").runs(new LaunchTemplateRef("lt-1", null, "2"))).isTrue();
        assertThat(fleet.registeredIn(TG, List.of("i-ok", "i-draining", "i-missing"))).containsExactly("i-ok");
        assertThat(fleet.suspendedProcesses()).containsOnlyKeys("AZRebalance");
        assertThat(fleet.launchTemplate()).isEqualTo(new LaunchTemplateRef("lt-1", "web", "1"));
    }

    @Test
    void fleet_withoutLoadBalancers_usesAutoScalingHealth() {
        AutoScalingGroup group = group(instance("i-1", "InService", "Healthy", "1"), instance("i-2", "InService", "Unhealthy", "1"))
                .toBuilder().targetGroupARNs(List.of()).loadBalancerNames(List.of()).build();

        Fleet fleet = FleetReader.fleet(group, Map.of(), Map.of());

        assertThat(fleet.hasLoadBalancers()).isFalse();
        assertThat(fleet.healthy()).isEqualTo(1);
        assertThat(fleet.member("i-1").traffic()).isEqualTo(FleetMember.Traffic.NO_LOAD_BALANCER);
    }

    @Test
    void targetGroupName_comesFromTheArn() {
        assertThat(FleetReader.targetGroupName(TG)).isEqualTo("web-tg");
        assertThat(FleetReader.targetGroupName("not-an-arn")).isEqualTo("not-an-arn");
    }
}
