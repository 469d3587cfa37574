package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;

/** In-place deployments to an Auto Scaling group behind a target group, on the simulator's clock. */
class InPlaceDeploymentTest extends CodeDeployTestBase {

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
