package io.jenkins.plugins.awsrollout.sim.ec2;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

class Ec2LaunchTemplatesTest {
    private AwsSimulator sim;
    private Ec2Client ec2;
    private String v1;
    private String v2;
    private String templateId;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base-v1").image("base-v2").build(), ManualClock.at(T0));
        ec2 = SimClients.of(sim).ec2();
        v1 = sim.state().image("base-v1").id();
        v2 = sim.state().image("base-v2").id();
        templateId = ec2.createLaunchTemplate(r -> r.launchTemplateName("web-lt").versionDescription("first")
                .launchTemplateData(d -> d.imageId(v1).instanceType("t3.small").userData("ZWNobyBoaQ==")
                        .metadataOptions(m -> m.httpTokens("required"))
                        .tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("app").value("web")))))
                .launchTemplate().launchTemplateId();
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private List<LaunchTemplateVersion> versions(String... versions) {
        return ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).versions(versions)).launchTemplateVersions();
    }

    @Test
    void newVersionFromSourceVersionKeepsWhatItDoesNotOverride() {
        var created = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId).sourceVersion("1")
                .launchTemplateData(d -> d.imageId(v2))).launchTemplateVersion();

        assertThat(created.versionNumber()).isEqualTo(2);
        assertThat(created.defaultVersion()).isFalse();
        assertThat(created.launchTemplateData().imageId()).isEqualTo(v2);
        assertThat(created.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(created.launchTemplateData().userData()).isEqualTo("ZWNobyBoaQ==");
        assertThat(created.launchTemplateData().metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(created.launchTemplateData().tagSpecifications().get(0).tags().get(0).value()).isEqualTo("web");
    }

    @Test
    void withoutSourceVersionOnlyTheGivenDataIsKept() {
        var created = ec2.createLaunchTemplateVersion(r -> r.launchTemplateName("web-lt").launchTemplateData(d -> d.imageId(v2)))
                .launchTemplateVersion();

        assertThat(created.launchTemplateData().instanceType()).isNull();
    }

    @Test
    void latestDefaultRangesAndFiltersResolve() {
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId).sourceVersion("$Latest").launchTemplateData(d -> d.imageId(v2)));
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId).sourceVersion("$Latest").launchTemplateData(d -> d.instanceType("t3.large")));

        assertThat(versions("$Latest")).singleElement().satisfies(v -> assertThat(v.versionNumber()).isEqualTo(3));
        assertThat(versions("$Default")).singleElement().satisfies(v -> assertThat(v.versionNumber()).isEqualTo(1));
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).minVersion("2").maxVersion("3"))
                .launchTemplateVersions()).extracting(LaunchTemplateVersion::versionNumber).containsExactly(3L, 2L);
        assertThat(ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId)
                .filters(f -> f.name("image-id").values(v2))).launchTemplateVersions())
                .extracting(LaunchTemplateVersion::versionNumber).containsExactly(3L, 2L);

        ec2.modifyLaunchTemplate(r -> r.launchTemplateId(templateId).defaultVersion("3"));

        assertThat(versions("$Default")).singleElement().satisfies(v -> assertThat(v.versionNumber()).isEqualTo(3));
        assertThat(ec2.describeLaunchTemplates(r -> r.launchTemplateNames("web-lt")).launchTemplates().get(0).defaultVersionNumber())
                .isEqualTo(3);
        assertThat(sim.state().launchTemplate("web-lt").imageIdByVersion()).containsEntry(3L, v2);
    }

    @Test
    void runInstancesFromTheTemplateUsesTheResolvedVersion() {
        ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId).sourceVersion("1").launchTemplateData(d -> d.imageId(v2)));

        var instance = ec2.runInstances(r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateName("web-lt").version("$Latest")))
                .instances().get(0);

        assertThat(instance.imageId()).isEqualTo(v2);
        assertThat(instance.instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(instance.tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("app"));
        assertThat(sim.state().instance(instance.instanceId()).launchTemplateVersion()).isEqualTo("2");
    }

    @Test
    void unknownTemplatesAndVersionsFailWithEc2Codes() {
        assertThatThrownBy(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateNames("nope")))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateName.NotFoundException"));
        assertThatThrownBy(() -> ec2.describeLaunchTemplates(r -> r.launchTemplateIds("lt-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateId.NotFound"));
        assertThatThrownBy(() -> versions("7")).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateId.VersionNotFound"));
    }
}
