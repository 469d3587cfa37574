package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** {@code awsAsgRollout} with {@code strategy: 'instanceRefresh'} against the simulator, on virtual time. */
class AwsAsgRolloutRefreshTest {

    private SimulatedAws aws;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(AsgWorlds.web(6).build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private String ami(String name) {
        return aws.sim().state().image(name).id();
    }

    /** min 100 / max 150: three new instances first, then three old ones go; healthy capacity never dips. */
    private AwsAsgRolloutStep step(String image) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(ami(image));
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private List<String> versions() {
        return aws.sim().state().group("web").instances("InService").stream().map(GroupInstanceView::launchTemplateVersion).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(TestStepContext build) {
        return (Map<String, Object>) build.result();
    }

    private void runUntil(TestStepContext build, BooleanSupplier condition) {
        aws.scheduler().runUntil(() -> condition.getAsBoolean() || build.isCompleted(), 1_000_000);
        assertThat(build.isCompleted()).as("the step ended before the condition held:\n" + build.log()).isFalse();
    }

    private String refreshStatus() {
        var refreshes = aws.sim().state().group("web").refreshes();
        return refreshes.isEmpty() ? "" : refreshes.get(0).status();
    }

    @Test
    void ami_makesOneVersionRefreshesEveryInstanceAndPinsTheGroup() throws Exception {
        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("autoScalingGroup", "web").containsEntry("strategy", "instanceRefresh")
                .containsEntry("status", "Successful").containsEntry("previousLaunchTemplateVersion", "1")
                .containsEntry("launchTemplateVersion", "3").containsEntry("reason", null);
        assertThat(result.get("instanceRefreshId")).isEqualTo(aws.sim().state().group("web").refreshes().get(0).id());
        assertThat((List<?>) result.get("replacedInstances")).hasSize(6);
        assertThat((List<?>) result.get("newInstances")).hasSize(6);
        assertThat((Long) result.get("durationSeconds")).isPositive();
        assertThat(versions()).hasSize(6).containsOnly("3");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("3");
        assertThat(aws.sim().state().launchTemplate("web-lt").imageIdByVersion()).containsEntry(3L, ami("base-v2"));
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertThat(aws.sim().calls().count("StartInstanceRefresh")).isEqualTo(1);
        assertThat(aws.sim().calls().count("CreateLaunchTemplateVersion")).isEqualTo(1);
        Call start = aws.sim().calls().of("StartInstanceRefresh").get(0);
        assertThat(start.params()).containsEntry("DesiredConfiguration.LaunchTemplate.Version", "3")
                .containsEntry("Preferences.MinHealthyPercentage", "100").containsEntry("Preferences.MaxHealthyPercentage", "150")
                .containsEntry("Preferences.AutoRollback", "true").containsEntry("Preferences.SkipMatching", "true")
                .containsEntry("Preferences.ScaleInProtectedInstances", "Wait").containsEntry("Preferences.StandbyInstances", "Wait");
        assertThat(build.log()).contains("[awsAsgRollout] PLAN web (instanceRefresh): 6 instances to replace",
                "[awsAsgRollout] TEMPLATE Created version 3 of launch template web-lt from version 1",
                "% complete", "healthy in service (desired 6, floor 6)", "[awsAsgRollout] DONE web Successful");
        assertNoSecret(build);
    }

    @Test
    void unhealthyAmi_isRolledBackAndTheStepFailsWithAwsReason() throws Exception {
        TestStepContext build = aws.run(step("bad-v3"));

        assertThat(build.failure()).isNotNull();
        assertThat(build.failure().getMessage()).contains("Instance refresh", "was rolled back", "failed health checks",
                "0 of 6 instances of web run version 3");
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("1");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
        assertThat(build.log()).contains("DONE web RolledBack");
    }

    @Test
    void unhealthyAmi_withoutAutoRollback_stopsAndSaysWhereTheGroupIs() throws Exception {
        AwsAsgRolloutStep step = step("bad-v3");
        step.setAutoRollback(false);

        TestStepContext build = aws.run(step);

        assertThat(build.failure().getMessage()).contains("failed:", "Auto rollback was off, so nothing was undone",
                "instances of web run version 3", "the group launches web-lt");
        assertThat(aws.sim().calls().of("StartInstanceRefresh").get(0).params()).containsEntry("Preferences.AutoRollback", "false");
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
    }

    @Test
    void throttling_ofAThirdOfAllCalls_stillSucceeds() throws Exception {
        aws.sim().faults().throttleAll(0.3);

        TestStepContext build = aws.run(step("base-v2"));

        assertThat(build.failure()).isNull();
        assertThat(result(build)).containsEntry("status", "Successful");
        assertThat(aws.sim().calls().throttled()).isNotEmpty();
        assertThat(aws.sim().calls().matching(c -> c.action().equals("StartInstanceRefresh") && c.ok())).hasSize(1);
        assertThat(aws.sim().calls().matching(c -> c.action().equals("CreateLaunchTemplateVersion") && c.ok())).hasSize(1);
        assertThat(aws.sim().state().launchTemplate("web-lt").latestVersion()).isEqualTo(3);
        assertThat(versions()).hasSize(6).containsOnly("3");
    }

    @Test
    void stop_withOnAbortRollback_rollsTheRefreshBackThenFails() throws Exception {
        TestStepContext build = aws.context("deploy", 4);
        StepExecution execution = aws.start(step("base-v2"), build);
        runUntil(build, () -> versions().stream().filter("3"::equals).count() >= 3);

        execution.stop(new InterruptedException("Aborted by admin"));
        aws.runToEnd(build);

        assertThat(build.failure()).hasMessage("Aborted by admin");
        assertThat(aws.sim().calls().count("RollbackInstanceRefresh")).isEqualTo(1);
        assertThat(build.log()).contains("ROLLBACK Rolling back instance refresh", "was rolled back");
        assertThat(refreshStatus()).isEqualTo("RollbackSuccessful");
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(aws.sim().capacity("web").minHealthy()).isEqualTo(6);
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
    }

    @Test
    void stop_withOnAbortCancel_cancelsTheRefreshAndKeepsWhatWasReplaced() throws Exception {
        AwsAsgRolloutStep step = step("base-v2");
        step.setOnAbort("cancel");
        TestStepContext build = aws.context("deploy", 5);
        StepExecution execution = aws.start(step, build);
        runUntil(build, () -> versions().stream().filter("3"::equals).count() >= 3);

        execution.stop(new InterruptedException("Aborted by admin"));
        aws.runToEnd(build);

        assertThat(build.failure()).hasMessage("Aborted by admin");
        assertThat(aws.sim().calls().count("CancelInstanceRefresh")).isEqualTo(1);
        assertThat(aws.sim().calls().count("RollbackInstanceRefresh")).isZero();
        assertThat(refreshStatus()).isEqualTo("Cancelled");
        assertThat(build.log()).contains("CANCEL Cancelling instance refresh", "was cancelled");
        assertThat(versions()).contains("3");
        assertThat(aws.sim().state().group("web").launchTemplateVersion()).isEqualTo("1");
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
    }

    @Test
    void restart_midRefresh_adoptsItAndReplacesEveryInstanceExactlyOnce() throws Exception {
        TestStepContext build = aws.context("deploy", 6);
        aws.start(step("base-v2"), build);
        runUntil(build, () -> refreshStatus().equals("InProgress") && versions().contains("3"));

        aws.restart(build);
        aws.runToEnd(build);

        assertThat(build.failure()).isNull();
        assertThat(result(build)).containsEntry("status", "Successful");
        assertThat(aws.sim().calls().count("StartInstanceRefresh")).isEqualTo(1);
        assertThat(aws.sim().calls().count("CreateLaunchTemplateVersion")).isEqualTo(1);
        assertThat(versions()).hasSize(6).containsOnly("3");
        long launches = aws.sim().state().group("web").activities().stream()
                .filter(a -> a.description().startsWith("Launching a new EC2 instance")).count();
        assertThat(launches).isEqualTo(6);
        assertNoSecret(build);
    }

    @Test
    void timeout_rollsBackAndNamesWhatItWaitedFor() throws Exception {
        AwsAsgRolloutStep step = step("base-v2");
        step.setTimeoutMinutes(2);

        TestStepContext build = aws.run(step);

        assertThat(build.failure().getMessage()).contains("Rollout of Auto Scaling group web timed out after",
                "waiting for instance refresh", "was rolled back");
        assertThat(aws.sim().calls().count("RollbackInstanceRefresh")).isEqualTo(1);
        assertThat(versions()).hasSize(6).containsOnly("1");
        assertThat(aws.sim().state().group("web").suspendedProcesses()).isEmpty();
    }

    @Test
    void checkpoints_areSentToAwsAndPauseTheRefresh() throws Exception {
        AwsAsgRolloutStep step = step("base-v2");
        step.setCheckpoints(List.of("50"));
        step.setCheckpointDelaySeconds(600);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().of("StartInstanceRefresh").get(0).params())
                .containsEntry("Preferences.CheckpointPercentages.member.1", "50")
                .containsEntry("Preferences.CheckpointPercentages.member.2", "100")
                .containsEntry("Preferences.CheckpointDelay", "600");
        assertThat(build.log()).contains("Waiting at checkpoint 50%");
        assertThat((Long) result(build).get("durationSeconds")).isGreaterThan(600);
        assertThat(versions()).hasSize(6).containsOnly("3");
    }

    @Test
    void protectedAndStandbyInstances_areHandledAsAsked() throws Exception {
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        List<String> ids = aws.sim().state().group("web").instances().stream().map(GroupInstanceView::instanceId).sorted().toList();
        asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(ids.get(0)).protectedFromScaleIn(true));
        asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)).shouldDecrementDesiredCapacity(true));
        aws.sim().calls().clear();

        TestStepContext refused = aws.run(step("base-v2"));
        assertThat(refused.failure().getMessage()).contains("protected from scale-in (" + ids.get(0) + ")");
        assertThat(aws.sim().calls().mutating()).isEmpty();

        AwsAsgRolloutStep step = step("base-v2");
        step.setScaleInProtectedInstances("Ignore");
        step.setStandbyInstances("Terminate");
        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().state().group("web").instances()).filteredOn(i -> i.instanceId().equals(ids.get(0)))
                .singleElement().satisfies(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
        assertThat(aws.sim().state().group("web").instances()).noneMatch(i -> i.instanceId().equals(ids.get(1))
                && !i.lifecycleState().equals("Terminating"));
        assertThat(aws.sim().calls().of("StartInstanceRefresh").get(0).params())
                .containsEntry("Preferences.ScaleInProtectedInstances", "Ignore").containsEntry("Preferences.StandbyInstances", "Terminate");
    }

    @Test
    void launchTemplateVersion_rollsAnExistingVersionWithoutMakingOne() throws Exception {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setLaunchTemplateVersion("2");
        step.setMinHealthyPercentage(50);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(result(build)).containsEntry("launchTemplateVersion", "2").containsEntry("previousLaunchTemplateVersion", "1");
        assertThat(aws.sim().calls().count("CreateLaunchTemplateVersion")).isZero();
        assertThat(versions()).hasSize(6).containsOnly("2");
        assertThat(aws.sim().capacity("web").minHealthy()).isGreaterThanOrEqualTo(3);
    }

    private void assertNoSecret(TestStepContext build) {
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY);
        assertThat(new String(build.savedBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(SimulatedAws.SECRET_KEY);
    }
}
