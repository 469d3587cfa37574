package io.jenkins.plugins.awsrollout.sim.elb;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;

class ClassicElbTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private ElasticLoadBalancingClient elb;
    private Ec2Client ec2;
    private String instanceId;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withRegistration(Duration.ofSeconds(5))
                        .withHealthCheck(Duration.ofSeconds(30)))
                .build(), clock);
        elb = SimClients.of(sim).elb();
        ec2 = SimClients.of(sim).ec2();
        elb.createLoadBalancer(r -> r.loadBalancerName("app-elb").availabilityZones("us-east-1a")
                .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP").instancePort(8080)));
        instanceId = ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(1).maxCount(1)).instances().get(0)
                .instanceId();
    }

    @AfterEach
    void stop() {
        elb.close();
        ec2.close();
        sim.close();
    }

    private InstanceState health() {
        return elb.describeInstanceHealth(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)))
                .instanceStates().get(0);
    }

    @Test
    void registeredInstanceIsOutOfServiceUntilItPassesHealthChecks() {
        var registered = elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)));

        assertThat(registered.instances()).extracting(i -> i.instanceId()).containsExactly(instanceId);
        assertThat(health().description()).isEqualTo("Instance is in pending state.");
        clock.advance(Duration.ofSeconds(20));
        assertThat(health().state()).isEqualTo("OutOfService");
        clock.advance(Duration.ofSeconds(30));
        assertThat(health().state()).isEqualTo("InService");
        assertThat(health().reasonCode()).isEqualTo("N/A");
    }

    @Test
    void failingInstanceIsOutOfServiceWithReasonInstance() {
        sim.faults().markUnhealthy(instanceId);
        elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)));
        clock.advance(Duration.ofMinutes(1));

        assertThat(health().state()).isEqualTo("OutOfService");
        assertThat(health().reasonCode()).isEqualTo("Instance");
        assertThat(health().description()).isEqualTo("Instance has failed at least the UnhealthyThreshold number of health checks consecutively.");
    }

    @Test
    void deregisteredInstanceIsNotCurrentlyRegistered() {
        elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)));

        var remaining = elb.deregisterInstancesFromLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)));

        assertThat(remaining.instances()).isEmpty();
        assertThat(health().description()).isEqualTo("Instance is not currently registered with the LoadBalancer.");
        assertThat(elb.describeInstanceHealth(r -> r.loadBalancerName("app-elb")).instanceStates()).isEmpty();
    }

    @Test
    void instanceInServiceWaiterSucceeds() throws Exception {
        elb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)));

        try (AutoCloseable ticking = Fixtures.ticking(clock, Duration.ofSeconds(2))) {
            var waited = elb.waiter().waitUntilInstanceInService(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instanceId)),
                    Fixtures.fastWaiter());
            assertThat(waited.matched().response()).isPresent();
        }
    }

    @Test
    void healthCheckIsConfiguredAndDescribed() {
        elb.configureHealthCheck(r -> r.loadBalancerName("app-elb").healthCheck(h -> h.target("HTTP:8080/health").interval(10)
                .timeout(5).healthyThreshold(3).unhealthyThreshold(2)));

        var described = elb.describeLoadBalancers(r -> r.loadBalancerNames("app-elb")).loadBalancerDescriptions().get(0);

        assertThat(described.healthCheck().target()).isEqualTo("HTTP:8080/health");
        assertThat(described.listenerDescriptions().get(0).listener().instancePort()).isEqualTo(8080);
        assertThat(described.dnsName()).startsWith("app-elb-").endsWith(".us-east-1.elb.amazonaws.com");
    }

    @Test
    void unknownLoadBalancerIsAccessPointNotFound() {
        assertThatThrownBy(() -> elb.describeInstanceHealth(r -> r.loadBalancerName("nope")))
                .isInstanceOfSatisfying(LoadBalancerNotFoundException.class,
                        e -> assertThat(e.getMessage()).contains("There is no ACTIVE Load Balancer named 'nope'"));
    }
}
