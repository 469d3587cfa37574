package io.jenkins.plugins.awsrollout.sim.elb;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.ConnectionDraining;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTagKeysException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** ELBv2 tags and IP target groups; classic load balancer attributes and connection draining. */
class ElbConformanceTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private ElasticLoadBalancingV2Client elb;
    private ElasticLoadBalancingClient classic;
    private Ec2Client ec2;
    private Instance instance;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(20)).withRegistration(Duration.ofSeconds(5))
                        .withHealthCheck(Duration.ofSeconds(30)))
                .build(), clock);
        elb = SimClients.of(sim).elbV2();
        classic = SimClients.of(sim).elb();
        ec2 = SimClients.of(sim).ec2();
        instance = ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(1).maxCount(1)).instances().get(0);
    }

    @AfterEach
    void stop() {
        elb.close();
        classic.close();
        ec2.close();
        sim.close();
    }

    @Test
    void targetGroupAndLoadBalancerTagsAreAddedDescribedAndRemoved() {
        String tg = elb.createTargetGroup(r -> r.name("app-tg").port(80).tags(t -> t.key("team").value("a"))).targetGroups().get(0)
                .targetGroupArn();
        String lb = elb.createLoadBalancer(r -> r.name("app-alb")).loadBalancers().get(0).loadBalancerArn();

        elb.addTags(r -> r.resourceArns(tg, lb).tags(t -> t.key("env").value("prod")));
        elb.removeTags(r -> r.resourceArns(tg).tagKeys("team"));

        var descriptions = elb.describeTags(r -> r.resourceArns(tg, lb)).tagDescriptions();
        assertThat(descriptions).extracting(d -> d.resourceArn()).containsExactly(tg, lb);
        assertThat(descriptions.get(0).tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"));
        assertThat(descriptions.get(1).tags()).extracting(Tag::key).containsExactly("env");
        assertThatThrownBy(() -> elb.describeTags(r -> r.resourceArns(tg.replace("app-tg", "gone"))))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.addTags(r -> r.resourceArns(lb.replace("app-alb", "gone")).tags(t -> t.key("k").value("v"))))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> elb.addTags(r -> r.resourceArns(tg).tags(t -> t.key("k").value("1"), t -> t.key("k").value("2"))))
                .isInstanceOfSatisfying(DuplicateTagKeysException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void ipTargetGroupRegistersInstanceAddressesAndReportsThemByAddress() {
        String tg = elb.createTargetGroup(r -> r.name("ip-tg").port(8080).targetType("ip")).targetGroups().get(0).targetGroupArn();
        String lb = elb.createLoadBalancer(r -> r.name("ip-alb")).loadBalancers().get(0).loadBalancerArn();
        elb.createListener(r -> r.loadBalancerArn(lb).port(80).defaultActions(a -> a.type("forward").targetGroupArn(tg)));
        String ip = instance.privateIpAddress();

        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().get(0).targetTypeAsString()).isEqualTo("ip");
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(instance.instanceId()))))
                .isInstanceOf(software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception.class)
                .hasMessageContaining(instance.instanceId());
        assertThatThrownBy(() -> elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id("10.99.99.99"))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("10.99.99.99");

        elb.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(ip)));
        clock.advance(Duration.ofMinutes(1));
        List<TargetHealthDescription> health = elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
        assertThat(health).singleElement().satisfies(d -> {
            assertThat(d.target().id()).isEqualTo(ip);
            assertThat(d.target().port()).isEqualTo(8080);
            assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy");
        });

        elb.deregisterTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(ip)));
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(tg).targets(t -> t.id(ip))).targetHealthDescriptions().get(0)
                .targetHealth().stateAsString()).isEqualTo("draining");
    }

    @Test
    void classicConnectionDrainingKeepsADeregisteredInstanceDrainingForItsTimeout() {
        classic.createLoadBalancer(r -> r.loadBalancerName("app-elb").availabilityZones("us-east-1a")
                .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP").instancePort(8080)));
        assertThat(classic.describeLoadBalancerAttributes(r -> r.loadBalancerName("app-elb")).loadBalancerAttributes()
                .connectionDraining()).isEqualTo(ConnectionDraining.builder().enabled(false).timeout(300).build());

        var modified = classic.modifyLoadBalancerAttributes(r -> r.loadBalancerName("app-elb")
                .loadBalancerAttributes(a -> a.connectionDraining(d -> d.enabled(true).timeout(60))));
        assertThat(modified.loadBalancerAttributes().connectionDraining().timeout()).isEqualTo(60);
        classic.registerInstancesWithLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instance.instanceId())));
        clock.advance(Duration.ofMinutes(1));
        classic.deregisterInstancesFromLoadBalancer(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instance.instanceId())));

        clock.advance(Duration.ofSeconds(59));
        assertThat(health().description()).isEqualTo("Instance deregistration currently in progress.");
        assertThat(sim.cloud().locked(() -> sim.cloud().defaultRegion().elb().draining(instance.instanceId()))).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health().description()).isEqualTo("Instance is not currently registered with the LoadBalancer.");
        assertThatThrownBy(() -> classic.modifyLoadBalancerAttributes(r -> r.loadBalancerName("app-elb")
                .loadBalancerAttributes(a -> a.connectionDraining(d -> d.enabled(true).timeout(4000)))))
                .hasMessageContaining("4000");
    }

    private InstanceState health() {
        return classic.describeInstanceHealth(r -> r.loadBalancerName("app-elb").instances(i -> i.instanceId(instance.instanceId())))
                .instanceStates().get(0);
    }
}
