package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The freestyle {@code awsAsgRollout}: the step it wraps, run on the build's executor. List fields are given as a form
 * sends them, one element holding every line.
 */
class AwsAsgRolloutBuilderTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "web-deploy", "BUILD_NUMBER", "12");

    private SimulatedAws aws;
    private final LogListener listener = new LogListener();

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(World.builder().region("us-east-1").image("base-v1").image("base-v2")
                .launchTemplate("web-lt", lt -> lt.image("base-v1"))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(10))
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(4).minSize(1).maxSize(8)
                        .targetGroups("web-tg"))
                .timings(t -> t.withBoot(Duration.ofSeconds(30)).withHealthCheck(Duration.ofSeconds(10)))
                .build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void perform_rollsTheGroupAndReturnsTheResult() throws Exception {
        AwsAsgRolloutStep rollout = new AwsAsgRolloutStep("web");
        rollout.setAmi(aws.sim().state().image("base-v2").id());
        rollout.setStrategy("rolling");
        rollout.setMinHealthyPercentage(50);
        rollout.setBatchSize("2");
        rollout.setSuspendProcesses(List.of("AZRebalance\n\nScheduledActions\n"));
        rollout.setCheckpoints(List.of("50\n"));
        rollout.setCheckpointDelaySeconds(60);
        rollout.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        AwsAsgRolloutBuilder builder = new AwsAsgRolloutBuilder(rollout);

        Map<String, Object> result = builder.perform(aws.runtime(), null, null, ENV, listener);

        assertThat(result).containsEntry("status", "Successful").containsEntry("launchTemplateVersion", "2");
        assertThat(aws.sim().state().group("web").instances("InService")).hasSize(4)
                .extracting(GroupInstanceView::launchTemplateVersion).containsOnly("2");
        assertThat(aws.sim().calls().of("SuspendProcesses").get(0).params())
                .containsEntry("ScalingProcesses.member.1", "AZRebalance").containsEntry("ScalingProcesses.member.2", "ScheduledActions")
                .doesNotContainKey("ScalingProcesses.member.3");
        assertThat(aws.sim().calls().of("CreateLaunchTemplateVersion").get(0).param("VersionDescription"))
                .startsWith("awsAsgRollout web-deploy #12: ImageId ");
        assertThat(listener.text()).contains("[awsAsgRollout] CHECKPOINT 50%", "[awsAsgRollout] DONE web Successful")
                .doesNotContain(SimulatedAws.SECRET_KEY);
    }

    @Test
    void perform_withBadInput_failsBeforeAnyAwsCall() {
        AwsAsgRolloutStep rollout = new AwsAsgRolloutStep("web");
        rollout.setCheckpoints(List.of("50\nten"));
        AwsAsgRolloutBuilder builder = new AwsAsgRolloutBuilder(rollout);

        assertThat(builder.requiresWorkspace()).isFalse();
        assertThatThrownBy(() -> builder.perform(aws.runtime(), null, null, ENV, listener))
                .isInstanceOf(AbortException.class).hasMessageContaining("Invalid checkpoints: 'ten'");
        assertThat(aws.sim().calls().all()).isEmpty();
    }
}
