package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** In-place deployments to an Auto Scaling group behind a target group, on the simulator's clock. */
class InPlaceDeploymentTest {
    static final String APPSPEC = "version: 0.0\nos: linux\nhooks:\n  ValidateService:\n    - location: scripts/check_health.sh\n"
            + "      timeout: 60\n";

    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private CodeDeployClient codeDeploy;
    private S3Client s3;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(Fixtures.web(4).build(), clock);
        codeDeploy = SimClients.of(sim).codeDeploy();
        s3 = SimClients.of(sim).s3();
        s3.createBucket(b -> b.bucket("deploy-bundles"));
        bundle("web/1.0.zip", APPSPEC);
        bundle("web/2.0.zip", APPSPEC + "# build 2\n");
        codeDeploy.createApplication(r -> r.applicationName("web-app"));
    }

    @AfterEach
    void stop() {
        codeDeploy.close();
        s3.close();
        sim.close();
    }

    void bundle(String key, String content) {
        s3.putObject(r -> r.bucket("deploy-bundles").key(key), RequestBody.fromString(content));
    }

    void group(String config, Consumer<CreateDeploymentGroupRequest.Builder> more) {
        codeDeploy.createDeploymentGroup(r -> {
            r.applicationName("web-app").deploymentGroupName("web-dg").autoScalingGroups("web")
                    .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole").deploymentConfigName(config)
                    .deploymentStyle(s -> s.deploymentType("IN_PLACE").deploymentOption("WITH_TRAFFIC_CONTROL"))
                    .loadBalancerInfo(l -> l.targetGroupInfoList(t -> t.name("web-tg")));
            more.accept(r);
        });
    }

    String deploy(String key) {
        return deploy(key, r -> { });
    }

    String deploy(String key, Consumer<CreateDeploymentRequest.Builder> more) {
        return codeDeploy.createDeployment(r -> {
            r.applicationName("web-app").deploymentGroupName("web-dg")
                    .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key(key).bundleType("zip")));
            more.accept(r);
        }).deploymentId();
    }

    DeploymentInfo info(String id) {
        return codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    List<InstanceTarget> targets(String id) {
        List<String> ids = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds();
        return codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds(ids)).deploymentTargets().stream()
                .map(DeploymentTarget::instanceTarget).toList();
    }

    int healthyInTargetGroup() {
        return sim.cloud().locked(() -> {
            TargetGroup tg = sim.cloud().defaultRegion().elb().targetGroupByName("web-tg");
            return (int) tg.registrations().keySet().stream().filter(tg::healthy).count();
        });
    }

    /** Advances a second at a time until the deployment ends; returns the lowest healthy count in web-tg seen. */
    int runToEnd(String id) {
        int[] lowest = {Integer.MAX_VALUE};
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofHours(2), () -> {
            lowest[0] = Math.min(lowest[0], healthyInTargetGroup());
            String status = sim.cloud().locked(() -> CodeDeployRegion.of(sim.cloud().defaultRegion()).deployments().get(id).status());
            return status.equals("Succeeded") || status.equals("Failed") || status.equals("Stopped");
        });
        return lowest[0];
    }

    /** The most instances out of service at the same time, from the lifecycle event times (BlockTraffic start to AllowTraffic end). */
    static int mostOutAtOnce(List<InstanceTarget> targets) {
        List<Instant[]> windows = new ArrayList<>();
        for (InstanceTarget t : targets) {
            Instant from = event(t, "BlockTraffic").startTime();
            LifecycleEvent allow = event(t, "AllowTraffic");
            Instant to = allow.endTime() == null ? Instant.MAX : allow.endTime();
            if (from != null) {
                windows.add(new Instant[] {from, to});
            }
        }
        int most = 0;
        for (Instant[] w : windows) {
            int overlapping = (int) windows.stream().filter(o -> o[0].compareTo(w[0]) <= 0 && o[1].isAfter(w[0])).count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    static LifecycleEvent event(InstanceTarget target, String name) {
        return target.lifecycleEvents().stream().filter(e -> e.lifecycleEventName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void inPlaceDeploymentMovesThroughItsStatusesAndSucceeds() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        String id = deploy("web/1.0.zip");

        assertThat(id).matches("d-[A-Z0-9]{9}");
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.CREATED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.QUEUED);
        clock.advance(Duration.ofSeconds(1));
        DeploymentInfo running = info(id);
        assertThat(running.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(running.deploymentOverview().inProgress()).isEqualTo(1);
        assertThat(running.deploymentOverview().pending()).isEqualTo(3);

        int lowest = runToEnd(id);

        DeploymentInfo done = info(id);
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.deploymentOverview().succeeded()).isEqualTo(4);
        assertThat(done.createTime()).isEqualTo(T0);
        assertThat(done.completeTime()).isAfter(done.startTime());
        assertThat(done.creator().toString()).isEqualTo("user");
        assertThat(done.errorInformation()).isNull();
        assertThat(lowest).isEqualTo(3);
        List<InstanceTarget> targets = targets(id);
        assertThat(targets).hasSize(4).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TargetStatus.SUCCEEDED);
            assertThat(t.lifecycleEvents()).extracting(LifecycleEvent::lifecycleEventName).containsExactly("BeforeBlockTraffic",
                    "BlockTraffic", "AfterBlockTraffic", "ApplicationStop", "DownloadBundle", "BeforeInstall", "Install",
                    "AfterInstall", "ApplicationStart", "ValidateService", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");
            assertThat(t.lifecycleEvents()).allSatisfy(e -> assertThat(e.status()).isEqualTo(LifecycleEventStatus.SUCCEEDED));
            assertThat(event(t, "BlockTraffic").endTime()).isAfterOrEqualTo(event(t, "BlockTraffic").startTime().plusSeconds(30));
        });
        assertThat(mostOutAtOnce(targets)).isEqualTo(1);
        assertThat(healthyInTargetGroup()).isEqualTo(4);
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(3);
        var group = codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg")).deploymentGroupInfo();
        assertThat(group.lastSuccessfulDeployment().deploymentId()).isEqualTo(id);
        assertThat(group.targetRevision().s3Location().key()).isEqualTo("web/1.0.zip");
    }

    @Test
    void halfAtATimeDeploysTwoOfFourAtOnceAndKeepsTwoHealthy() {
        group("CodeDeployDefault.HalfAtATime", r -> { });
        String id = deploy("web/1.0.zip");

        int lowest = runToEnd(id);

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(mostOutAtOnce(targets(id))).isEqualTo(2);
        assertThat(lowest).isEqualTo(2);
        assertThat(sim.capacity("web").minHealthy()).isEqualTo(2);
    }

    @Test
    void anotherDeploymentWhileOneIsActiveIsRefused() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String first = deploy("web/1.0.zip");

        assertThatThrownBy(() -> deploy("web/2.0.zip")).isInstanceOfSatisfying(DeploymentLimitExceededException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains(first).contains("web-dg"));
        runToEnd(first);
        String second = deploy("web/2.0.zip");
        runToEnd(second);
        assertThat(info(second).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(info(second).previousRevision().s3Location().key()).isEqualTo("web/1.0.zip");
    }
}
