package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.sim.Seeds;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout's ticks replayed as after a controller restart between a call and the save of its cursor: the same
 * tick runs twice from the same cursor, and AWS sees every effect once.
 */
class AsgRolloutOperationTest {

    private SimulatedAws aws;
    private TickContext context;

    private AsgRolloutOperation start(int size, String strategy) {
        aws = SimulatedAws.start(world(size));
        context = aws.tickContext(Progress.NONE);
        String ami = aws.sim().state().image("base-v2").id();
        return new AsgRolloutOperation(AsgRolloutRequest.builder("web").ami(ami).strategy(strategy).minHealthyPercentage(50).maxHealthyPercentage(100)
                .buildId("deploy #7").build(), AwsDefaults.none().polling());
    }

    private static World world(int size) {
        return World.builder().region("us-east-1").image("base-v1").image("base-v2")
                .launchTemplate("web-lt", lt -> lt.image("base-v1"))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(0))
                .autoScalingGroup("web", g -> group(g, size))
                .timings(t -> t.withBoot(Duration.ofSeconds(30)).withHealthCheck(Duration.ofSeconds(10)))
                .build();
    }

    private static void group(Seeds.GroupSeed g, int size) {
        g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size).minSize(1).maxSize(size * 2).targetGroups("web-tg");
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** Ticks until {@code until} holds for the cursor (moving the clock by each tick's delay). */
    private AsgRolloutCursor tickUntil(AsgRolloutOperation operation, AsgRolloutCursor cursor, Predicate<AsgRolloutCursor> until) {
        for (int i = 0; i < 500 && !until.test(cursor); i++) {
            Tick<AsgRolloutCursor> tick = operation.advance(cursor, context);
            assertThat(tick).isInstanceOf(Tick.Again.class);
            aws.clock().advance(((Tick.Again<AsgRolloutCursor>) tick).delay());
            cursor = tick.cursor();
        }
        assertThat(until.test(cursor)).as("reached " + cursor.waitingFor()).isTrue();
        return cursor;
    }

    @Test
    void template_replayed_createsOneVersionThanksToTheClientToken() {
        AsgRolloutOperation operation = start(2, "instanceRefresh");
        AsgRolloutCursor atTemplate = tickUntil(operation, operation.begin(aws.clock().instant()),
                c -> c.phase() == AsgRolloutCursor.Phase.TEMPLATE);

        AsgRolloutCursor first = operation.advance(atTemplate, context).cursor();
        AsgRolloutCursor replayed = operation.advance(atTemplate, context).cursor();

        assertThat(first.template().targetVersion()).isEqualTo("2");
        assertThat(replayed.template().targetVersion()).isEqualTo("2");
        assertThat(aws.sim().state().launchTemplate("web-lt").latestVersion()).isEqualTo(2);
        assertThat(aws.sim().calls().of("CreateLaunchTemplateVersion")).hasSize(2)
                .allSatisfy(c -> assertThat(c.param("ClientToken")).isEqualTo(atTemplate.template().clientToken()));
        assertThat(atTemplate.template().clientToken()).startsWith("awsAsgRollout-");
    }

    @Test
    void refreshStart_replayed_adoptsTheRefreshItStartedInsteadOfStartingASecond() {
        AsgRolloutOperation operation = start(2, "instanceRefresh");
        AsgRolloutCursor requested = tickUntil(operation, operation.begin(aws.clock().instant()),
                c -> c.phase() == AsgRolloutCursor.Phase.REFRESH_START && c.refresh() != null);

        AsgRolloutCursor first = operation.advance(requested, context).cursor();
        AsgRolloutCursor replayed = operation.advance(requested, context).cursor();

        assertThat(aws.sim().calls().count("StartInstanceRefresh")).isEqualTo(1);
        assertThat(replayed.refresh().refreshId()).isEqualTo(first.refresh().refreshId());
        assertThat(replayed.phase()).isEqualTo(AsgRolloutCursor.Phase.REFRESH_WATCH);
    }

    @Test
    void terminate_replayed_terminatesEachInstanceOnce() {
        AsgRolloutOperation operation = start(4, "rolling");
        AsgRolloutCursor terminating = tickUntil(operation, operation.begin(aws.clock().instant()),
                c -> c.rolling() != null && c.rolling().batch() != null
                        && c.rolling().batch().step() == BatchState.Step.TERMINATE_FIRST);

        operation.advance(terminating, context);
        operation.advance(terminating, context);

        assertThat(aws.sim().calls().of("TerminateInstanceInAutoScalingGroup")).hasSize(2)
                .extracting(c -> c.param("InstanceId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(terminating.rolling().batch().replaceFirst());
        assertThat(aws.sim().state().group("web").desiredCapacity()).isEqualTo(4);
    }

    @Test
    void cursor_serializesWithoutClientsOrSecrets() throws Exception {
        AsgRolloutOperation operation = start(2, "rolling");
        AsgRolloutCursor cursor = tickUntil(operation, operation.begin(aws.clock().instant()),
                c -> c.phase() == AsgRolloutCursor.Phase.ROLL && c.rolling().batch() != null);

        byte[] bytes = io.jenkins.plugins.awsrollout.testing.TestStepContext.serialize(cursor);
        AsgRolloutCursor back = io.jenkins.plugins.awsrollout.testing.TestStepContext.deserialize(bytes);

        assertThat(back).isEqualTo(cursor);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SimulatedAws.SECRET_KEY)
                .doesNotContain("software.amazon.awssdk");
    }
}
