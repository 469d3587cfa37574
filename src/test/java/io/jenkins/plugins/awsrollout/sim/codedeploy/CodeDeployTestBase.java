package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A world for CodeDeploy tests: group {@code web} of 4 instances behind {@code web-tg} (30 s
 * deregistration delay), bucket {@code deploy-bundles} with bundles {@code web/1.0.zip} and
 * {@code web/2.0.zip}, application {@code web-app}; helpers to create the deployment group, deploy and
 * run to the end.
 */
abstract class CodeDeployTestBase {
    static final String APPSPEC = "version: 0.0\nos: linux\nhooks:\n  ValidateService:\n    - location: scripts/check_health.sh\n"
            + "      timeout: 60\n";

    final ManualClock clock = ManualClock.at(T0);
    AwsSimulator sim;
    CodeDeployClient codeDeploy;
    S3Client s3;

    /** The world to start; subclasses add to it. */
    World.Builder world() {
        return Fixtures.web(4);
    }

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(world().build(), clock);
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

}
