package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.ssm.SsmTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** The codeDeploy, s3 and ssm sections of the world file and the builder. */
class CodeDeployWorldTest {
    private static final Path DEMO = Path.of(System.getProperty("project.root", "."), "docs/examples/demo-world.json");

    private final ManualClock clock = ManualClock.at(T0);

    private static String deployAndWait(AwsSimulator sim, ManualClock clock, CodeDeployClient codeDeploy, String key) {
        String id = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key(key).bundleType("zip"))))
                .deploymentId();
        Fixtures.advanceUntil(clock, Duration.ofSeconds(5), Duration.ofHours(1), () -> sim.cloud().locked(() ->
                !CodeDeployRegion.of(sim.cloud().defaultRegion()).deployments().get(id).active()));
        return id;
    }

    @Test
    void demoWorldHasTheWebApplicationOnTheWebGroupWithAGoodAndABrokenBundle() throws IOException {
        try (AwsSimulator sim = AwsSimulator.start(World.fromFile(DEMO), clock);
                CodeDeployClient codeDeploy = SimClients.of(sim).codeDeploy(); S3Client s3 = SimClients.of(sim).s3()) {
            DeploymentGroupInfo group = codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg"))
                    .deploymentGroupInfo();
            assertThat(group.autoScalingGroups()).extracting(g -> g.name()).containsExactly("web");
            assertThat(group.loadBalancerInfo().targetGroupInfoList()).extracting(t -> t.name()).containsExactly("web-tg");
            assertThat(group.deploymentStyle().deploymentOptionAsString()).isEqualTo("WITH_TRAFFIC_CONTROL");
            assertThat(group.targetRevision().s3Location().key()).isEqualTo("web/web-1.0.0.zip");
            assertThat(group.lastSuccessfulDeployment().statusAsString()).isEqualTo("Succeeded");
            assertThat(s3.headObject(r -> r.bucket("deploy-bundles").key("web/web-1.1.0.zip")).versionId()).isNotBlank();

            String good = deployAndWait(sim, clock, codeDeploy, "web/web-1.1.0.zip");
            String broken = deployAndWait(sim, clock, codeDeploy, "web/web-broken.zip");

            assertThat(codeDeploy.getDeployment(r -> r.deploymentId(good)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
            DeploymentInfo failed = codeDeploy.getDeployment(r -> r.deploymentId(broken)).deploymentInfo();
            assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(failed.rollbackInfo().rollbackDeploymentId()).isNotNull();
            assertThat(sim.capacity("web").minHealthy()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void builderSeedsBucketsApplicationsGroupsConfigsAndTimings() {
        World world = Fixtures.web(4)
                .s3Bucket("deploy-bundles", b -> b.versioned(true).object("web/1.0.zip", "version: 0.0\n"))
                .codeDeploy(cd -> cd.timings(t -> t.withHook(Duration.ofSeconds(10)))
                        .deploymentConfig("ThreeQuarters", "FLEET_PERCENT", 75)
                        .application("web-app", a -> a.deploymentGroup("web-dg", g -> g.autoScalingGroups("web").targetGroups("web-tg")
                                .deploymentConfig("ThreeQuarters").autoRollback("DEPLOYMENT_FAILURE")
                                .deployedRevision("deploy-bundles", "web/1.0.zip"))))
                .ssmTimings(t -> t.withDelivery(Duration.ofSeconds(7)))
                .build();

        try (AwsSimulator sim = AwsSimulator.start(world, clock); CodeDeployClient codeDeploy = SimClients.of(sim).codeDeploy()) {
            DeploymentGroupInfo group = codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg"))
                    .deploymentGroupInfo();
            assertThat(group.deploymentConfigName()).isEqualTo("ThreeQuarters");
            assertThat(group.autoRollbackConfiguration().eventsAsStrings()).containsExactly("DEPLOYMENT_FAILURE");
            assertThat(group.serviceRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/CodeDeployServiceRole");
            assertThat(codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName("ThreeQuarters")).deploymentConfigInfo()
                    .minimumHealthyHosts().value()).isEqualTo(75);
            assertThat(sim.cloud().locked(() -> CodeDeployTimings.of(sim.cloud()).hook())).isEqualTo(Duration.ofSeconds(10));
            assertThat(sim.cloud().locked(() -> SsmTimings.of(sim.cloud()).delivery())).isEqualTo(Duration.ofSeconds(7));

            String id = deployAndWait(sim, clock, codeDeploy, "web/1.0.zip");
            assertThat(codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        }
    }

    @Test
    void worldFileSectionsAreCheckedForTypos(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("world.json");
        Files.writeString(file, "{\"regions\":[\"us-east-1\"],\"codeDeploy\":{\"applications\":[{\"name\":\"a\",\"deploymentGroup\":[]}]}}");
        assertThatThrownBy(() -> AwsSimulator.start(World.fromFile(file), clock).close())
                .hasMessageContaining("deploymentGroup");

        Files.writeString(file, "{\"regions\":[\"us-east-1\"],\"ssm\":{\"timings\":{\"deliverySecs\":1}}}");
        assertThatThrownBy(() -> AwsSimulator.start(World.fromFile(file), clock).close()).hasMessageContaining("deliverySecs");

        Files.writeString(file, "{\"regions\":[\"us-east-1\"],\"ssm\":{\"timings\":{\"deliverySeconds\":9}},"
                + "\"codeDeploy\":{\"timings\":{\"hookSeconds\":12,\"events\":{\"ValidateService\":60}}}}");
        try (AwsSimulator sim = AwsSimulator.start(World.fromFile(file), clock)) {
            assertThat(sim.cloud().locked(() -> SsmTimings.of(sim.cloud()).delivery())).isEqualTo(Duration.ofSeconds(9));
            assertThat(sim.cloud().locked(() -> CodeDeployTimings.of(sim.cloud()).of("ValidateService"))).isEqualTo(Duration.ofSeconds(60));
            assertThat(sim.cloud().locked(() -> CodeDeployTimings.of(sim.cloud()).of("AfterInstall"))).isEqualTo(Duration.ofSeconds(12));
        }
    }
}
