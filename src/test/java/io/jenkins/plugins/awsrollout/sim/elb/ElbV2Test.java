package io.jenkins.plugins.awsrollout.sim.elb;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

class ElbV2Test {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private ElasticLoadBalancingV2Client elb;
    private Ec2Client ec2;
    private String tgArn;
    private String instanceId;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withRegistration(Duration.ofSeconds(5))
                        .withHealthCheck(Duration.ofSeconds(30)).withStop(Duration.ofSeconds(5)))
                .build(), clock);
        elb = SimClients.of(sim).elbV2();
        ec2 = SimClients.of(sim).ec2();
        tgArn = elb.createTargetGroup(r -> r.name("app-tg").protocol("HTTP").port(8080).vpcId("vpc-1")).targetGroups().get(0)
                .targetGroupArn();
        String lbArn = elb.createLoadBalancer(r -> r.name("app-alb")).loadBalancers().get(0).loadBalancerArn();
        elb.createListener(r -> r.loadBalancerArn(lbArn).protocol("HTTP").port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tgArn)));
        instanceId = ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(1).maxCount(1)).instances().get(0)
                .instanceId();
    }

    @AfterEach
    void stop() {
        elb.close();
        ec2.close();
        sim.close();
    }

    private TargetHealth health(String id) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(tgArn).targets(t -> t.id(id))).targetHealthDescriptions().get(0)
                .targetHealth();
    }

    @Test
    void registeredTargetGoesThroughRegistrationAndInitialChecksToHealthy() {
        elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId)));

        assertThat(health(instanceId).reasonAsString()).isEqualTo("Elb.RegistrationInProgress");
        clock.advance(Duration.ofSeconds(20));
        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.INITIAL);
        assertThat(health(instanceId).reasonAsString()).isEqualTo("Elb.InitialHealthChecking");
        assertThat(health(instanceId).description()).isEqualTo("Initial health checks in progress");
        clock.advance(Duration.ofSeconds(30));
        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.HEALTHY);
        assertThat(health(instanceId).reason()).isNull();
        var described = elb.describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions().get(0);
        assertThat(described.target().port()).isEqualTo(8080);
        assertThat(described.target().availabilityZone()).isEqualTo("us-east-1a");
    }

    @Test
    void deregisteredTargetDrainsForTheDeregistrationDelayThenIsNotRegistered() {
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tgArn).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("45")));
        elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId)));
        clock.advance(Duration.ofSeconds(60));

        elb.deregisterTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId)));

        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.DRAINING);
        assertThat(health(instanceId).reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        clock.advance(Duration.ofSeconds(45));
        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(health(instanceId).reasonAsString()).isEqualTo("Target.NotRegistered");
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions()).isEmpty();
    }

    @Test
    void unhealthyInstancesFailHealthChecksAndStoppedOnesAreInvalidState() {
        sim.faults().markUnhealthy(instanceId);
        elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId)));
        clock.advance(Duration.ofSeconds(60));

        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.UNHEALTHY);
        assertThat(health(instanceId).reasonAsString()).isEqualTo("Target.FailedHealthChecks");

        ec2.stopInstances(r -> r.instanceIds(instanceId));
        clock.advance(Duration.ofSeconds(5));
        assertThat(health(instanceId).state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(health(instanceId).reasonAsString()).isEqualTo("Target.InvalidState");
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("not in a running state");
    }

    @Test
    void targetGroupWithoutLoadBalancerLeavesTargetsUnused() {
        String lonely = elb.createTargetGroup(r -> r.name("lonely").protocol("HTTP").port(80).vpcId("vpc-1")).targetGroups().get(0)
                .targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(lonely).targets(t -> t.id(instanceId)));
        clock.advance(Duration.ofMinutes(2));

        var health = elb.describeTargetHealth(r -> r.targetGroupArn(lonely)).targetHealthDescriptions().get(0).targetHealth();
        assertThat(health.reasonAsString()).isEqualTo("Target.NotInUse");
    }

    @Test
    void waitersSeeTheTargetInServiceAndThenDeregistered() throws Exception {
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tgArn).attributes(a -> a.key("deregistration_delay.timeout_seconds").value("120")));
        elb.registerTargets(r -> r.targetGroupArn(tgArn).targets(t -> t.id(instanceId)));
        TargetDescription target = TargetDescription.builder().id(instanceId).build();

        try (AutoCloseable ticking = Fixtures.ticking(clock, Duration.ofSeconds(2))) {
            var inService = elb.waiter().waitUntilTargetInService(r -> r.targetGroupArn(tgArn).targets(target), Fixtures.fastWaiter());
            assertThat(inService.matched().response()).isPresent();
            elb.deregisterTargets(r -> r.targetGroupArn(tgArn).targets(target));
            var deregistered = elb.waiter().waitUntilTargetDeregistered(r -> r.targetGroupArn(tgArn).targets(target),
                    Fixtures.fastWaiter());
            assertThat(deregistered.matched().response()).isPresent();
        }
        assertThat(sim.calls().of("DescribeTargetHealth")).extracting(Call::outcome).containsOnly("OK");
    }

    @Test
    void unknownTargetGroupIsTargetGroupNotFound() {
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("nope"))).isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void describeTargetGroupsPaginatesAndAttributesDefault() {
        for (int i = 0; i < 4; i++) {
            int n = i;
            elb.createTargetGroup(r -> r.name("tg-" + n).protocol("HTTP").port(80).vpcId("vpc-1"));
        }

        List<String> names = elb.describeTargetGroupsPaginator(r -> r.pageSize(2)).targetGroups().stream()
                .map(tg -> tg.targetGroupName()).toList();

        assertThat(names).containsExactly("app-tg", "tg-0", "tg-1", "tg-2", "tg-3");
        assertThat(elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tgArn)).attributes())
                .anySatisfy(a -> {
                    assertThat(a.key()).isEqualTo("deregistration_delay.timeout_seconds");
                    assertThat(a.value()).isEqualTo("300");
                });
    }

    @Test
    void throttlingIsTheQueryThrottlingCodeAndIsRetried() {
        sim.faults().throttleNext("DescribeTargetHealth", 1);

        elb.describeTargetHealth(r -> r.targetGroupArn(tgArn));

        assertThat(sim.calls().of("elbv2", "DescribeTargetHealth")).extracting(Call::outcome, Call::httpStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Throttling", 400), org.assertj.core.groups.Tuple.tuple("OK", 200));
    }
}
