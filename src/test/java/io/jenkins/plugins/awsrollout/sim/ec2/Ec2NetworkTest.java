package io.jenkins.plugins.awsrollout.sim.ec2;

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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

class Ec2NetworkTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").region("eu-west-1").image("base")
                .timings(t -> t.withTerminate(Duration.ofSeconds(5))).build(), clock);
        ec2 = SimClients.of(sim).ec2();
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void securityGroupInUseCannotBeDeletedUntilItsInstanceIsTerminated() {
        String groupId = ec2.createSecurityGroup(r -> r.groupName("web-sg").description("web")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(p -> p.ipProtocol("tcp").fromPort(80).toPort(80)
                .ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        String instance = ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(1).maxCount(1)
                .securityGroupIds(groupId)).instances().get(0).instanceId();

        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.terminateInstances(r -> r.instanceIds(instance));
        clock.advance(Duration.ofSeconds(5));
        ec2.deleteSecurityGroup(r -> r.groupId(groupId));

        assertThat(sim.state().securityGroups()).extracting(g -> g.name()).containsExactly("default");
    }

    @Test
    void duplicateRulesAndGroupsAreRefused() {
        String groupId = ec2.createSecurityGroup(r -> r.groupName("web-sg").description("web")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("10.0.0.0/8"));

        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipProtocol("tcp").fromPort(22).toPort(22)
                .cidrIp("10.0.0.0/8"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("web-sg").description("again")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));
        assertThat(ec2.describeSecurityGroups(r -> r.groupNames("web-sg")).securityGroups().get(0).ipPermissions()).hasSize(1);
    }

    @Test
    void keyPairsAreCreatedListedAndDeleted() {
        var pair = ec2.createKeyPair(r -> r.keyName("deploy"));

        assertThat(pair.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(ec2.describeKeyPairs().keyPairs()).extracting(k -> k.keyName()).containsExactly("deploy");
        assertThatThrownBy(() -> ec2.createKeyPair(r -> r.keyName("deploy")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.Duplicate"));
        ec2.deleteKeyPair(r -> r.keyName("deploy"));
        assertThat(ec2.describeKeyPairs().keyPairs()).isEmpty();
    }

    @Test
    void regionsZonesVpcsAndSubnetsDescribeTheDefaultNetwork() {
        assertThat(ec2.describeRegions().regions()).extracting(r -> r.regionName()).containsExactly("us-east-1", "eu-west-1");
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName(), z -> z.zoneId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("us-east-1a", "use1-az1"),
                        org.assertj.core.groups.Tuple.tuple("us-east-1b", "use1-az2"),
                        org.assertj.core.groups.Tuple.tuple("us-east-1c", "use1-az3"));
        String vpcId = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        assertThat(ec2.describeSubnets(r -> r.filters(f -> f.name("vpc-id").values(vpcId))).subnets()).hasSize(3)
                .allSatisfy(s -> assertThat(s.defaultForAz()).isTrue());
    }

    @Test
    void tagsAreDescribedByResourceAndDeleted() {
        String imageId = sim.state().image("base").id();
        ec2.createTags(r -> r.resources(imageId).tags(t -> t.key("stage").value("qa"), t -> t.key("owner").value("ci")));
        ec2.deleteTags(r -> r.resources(imageId).tags(t -> t.key("owner")));

        var tags = ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(imageId))).tags();

        assertThat(tags).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("stage");
            assertThat(t.resourceTypeAsString()).isEqualTo("image");
        });
        assertThatThrownBy(() -> ec2.createTags(r -> r.resources("ami-00000000000000000").tags(t -> t.key("a").value("b"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAMIID.NotFound"));
    }

    @Test
    void tagSimUnhealthyMarksAnAmiUnhealthy() {
        String imageId = sim.state().image("base").id();

        ec2.createTags(r -> r.resources(imageId).tags(t -> t.key("sim:unhealthy").value("true")));

        assertThat(sim.state().image(imageId).unhealthy()).isTrue();
    }
}
