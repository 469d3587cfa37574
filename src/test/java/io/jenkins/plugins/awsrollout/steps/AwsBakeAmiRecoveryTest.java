package io.jenkins.plugins.awsrollout.steps;

import static io.jenkins.plugins.awsrollout.steps.BakeWorld.OTHER_ACCOUNT;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.assertNothingLeftBehind;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.cursor;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.result;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.runUntilPhase;
import static io.jenkins.plugins.awsrollout.steps.BakeWorld.seededImages;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bake stopped in any phase leaves nothing behind; a bake resumed after a controller restart in any phase (even
 * from the state saved before a create call it already made) finishes with every resource made exactly once.
 */
class AwsBakeAmiRecoveryTest {

    private SimulatedAws aws;
    private List<String> seeded;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(BakeWorld.world().build());
        seeded = seededImages(aws);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** Every phase there is: a copy region, sharing and retention. */
    private static AwsBakeAmiStep fullStep() {
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setRegions(List.of("eu-west-1"));
        step.setShareWithAccounts(List.of(OTHER_ACCOUNT));
        step.setKeep(1);
        return step;
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = "RESOLVE", mode = EnumSource.Mode.EXCLUDE)
    void stop_inAnyPhase_leavesNothingBehind(Phase phase) throws Exception {
        TestStepContext build = aws.context("test", 1);
        aws.start(fullStep(), build);
        runUntilPhase(aws, build, phase);

        CancellationException cause = new CancellationException("stopped by a user");
        build.execution().stop(cause);
        aws.runToEnd(build);

        assertThat(build.failure()).isSameAs(cause);
        assertThat(build.log()).contains("[awsBakeAmi] CLEANUP the build was stopped; cleaning up",
                "[awsBakeAmi] Bake of AMI web-1-{{timestamp}} was stopped.");
        assertNothingLeftBehind(aws, seeded, List.of());
    }

    @Test
    void stop_whileAnSsmCommandRuns_terminatesTheBuilder() throws Exception {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-{{timestamp}}");
        step.setSourceAmi(BakeWorld.baseAmiId(aws));
        step.setIamInstanceProfile("builder");
        step.setSsmCommands(List.of("echo compiling\nsleep 600"));
        TestStepContext build = aws.context("test", 1);
        aws.start(step, build);
        aws.scheduler().runUntil(() -> build.log().contains("SSM | compiling"), 10_000);

        build.execution().stop(new CancellationException("stopped"));
        aws.runToEnd(build);

        assertThat(build.failure()).isInstanceOf(CancellationException.class);
        assertThat(aws.sim().calls().count("CreateImage")).isZero();
        assertNothingLeftBehind(aws, seeded, List.of());
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"PROVISION", "IMAGE", "COPY", "RETENTION", "CLEANUP"})
    void restart_midBake_finishesWithEveryResourceMadeOnce(Phase phase) throws Exception {
        TestStepContext build = aws.context("test", 1);
        aws.start(fullStep(), build);
        runUntilPhase(aws, build, phase);

        aws.restart(build);
        aws.runToEnd(build);

        Map<String, Object> result = result(build);
        assertMadeOnce(result);
        assertThat(aws.sim().calls().mutatingOk().stream().filter(c -> c.action().startsWith("Create")
                || c.action().equals("RunInstances") || c.action().equals("CopyImage")).map(Call::action).toList())
                .containsExactly("CreateSecurityGroup", "RunInstances", "CreateImage", "CopyImage");
    }

    /**
     * The worst restart: the tick that made a resource ran, but the state it saved was lost, so the tick runs again
     * from the state before it. Client tokens and unique names make the second call find the first one's resource.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CreateSecurityGroup", "RunInstances", "CreateImage", "CopyImage"})
    void restart_afterACreateCallWhoseSaveWasLost_adoptsWhatTheLostTickMade(String action) throws Exception {
        TestStepContext build = aws.context("test", 1);
        aws.start(fullStep(), build);
        byte[] before = runUntilCalled(build, action);

        restartFrom(build, before);
        aws.runToEnd(build);

        assertMadeOnce(result(build));
        assertThat(aws.sim().calls().of(action)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void restart_afterSendCommandWhoseSaveWasLost_followsTheSentCommandInsteadOfRunningItTwice() throws Exception {
        AwsBakeAmiStep step = new AwsBakeAmiStep("web-{{timestamp}}");
        step.setSourceAmi(BakeWorld.baseAmiId(aws));
        step.setIamInstanceProfile("builder");
        step.setSsmCommands(List.of("echo migrating the database once\nsleep 20", "echo done"));
        TestStepContext build = aws.context("test", 1);
        aws.start(step, build);
        byte[] before = runUntilCalled(build, "SendCommand");

        restartFrom(build, before);
        aws.runToEnd(build);

        result(build);
        assertThat(aws.sim().calls().of("SendCommand")).hasSize(2);
        assertThat(aws.sim().calls().of("ListCommands")).isNotEmpty();
        assertThat(build.log()).containsOnlyOnce("SSM | migrating the database once");
    }

    private void assertMadeOnce(Map<String, Object> result) {
        assertThat(aws.sim().state().instances()).hasSize(1);
        assertThat(aws.sim().state().images()).filteredOn(i -> !seeded.contains(i.id())).singleElement()
                .satisfies(i -> assertThat(i.id()).isEqualTo(result.get("amiId")));
        assertThat(aws.sim().state("eu-west-1").images()).singleElement()
                .satisfies(i -> assertThat(i.launchPermissionUsers()).containsExactly(OTHER_ACCOUNT));
        @SuppressWarnings("unchecked")
        Map<String, String> amis = (Map<String, String>) result.get("amis");
        assertNothingLeftBehind(aws, seeded, amis.values());
    }

    /** Runs until {@code action} was called; returns the state saved before the tick that called it. */
    private byte[] runUntilCalled(TestStepContext build, String action) {
        AtomicReference<byte[]> current = new AtomicReference<>();
        aws.scheduler().runUntil(() -> {
            if (aws.sim().calls().count(action) > 0) {
                return true;
            }
            current.set(build.savedBytes());
            return build.isCompleted();
        }, 100_000);
        assertThat(aws.sim().calls().count(action)).as("%s was called", action).isPositive();
        assertThat(cursor(build)).isNotNull();
        return current.get();
    }

    /** A restart that finds the state saved before the last tick (the last save was lost with the controller). */
    private void restartFrom(TestStepContext build, byte[] saved) throws Exception {
        Field field = TestStepContext.class.getDeclaredField("saved");
        field.setAccessible(true);
        field.set(build, saved);
        aws.restart(build);
    }
}
