package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Results on failure (issue #14 item 5): {@code failOnError: false} returns the map with {@code status} and
 * {@code reason} on all four steps, through the one driver; every call's map is kept on the build as a
 * {@link StepResultAction}, which the build page shows and which gives the build its {@code AWS_..._STATUS},
 * {@code _REASON} and {@code _RESULT} variables.
 */
class StepResultsTest {

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> returned(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNull();
        return (Map<String, Object>) build.result();
    }

    private StepResultAction onlyAction() {
        assertThat(aws.runtime().actions()).hasSize(1);
        return (StepResultAction) aws.runtime().actions().get(0);
    }

    @Test
    void bake_failOnErrorOff_returnsStatusAndReasonAfterCleaningUp() throws Exception {
        aws = SimulatedAws.start(BakeWorld.world().build());
        List<String> seeded = BakeWorld.seededImages(aws);
        AwsBakeAmiStep step = BakeWorld.userDataStep();
        step.setUserData("echo fetching\n# sim: fail curl: (6) Could not resolve host: mirror.internal\n");
        step.setFailOnError(false);

        TestStepContext build = aws.run(step);

        Map<String, Object> result = returned(build);
        assertThat(result).containsEntry("status", "Failed");
        assertThat((String) result.get("reason")).startsWith("The provisioning script failed on builder i-")
                .endsWith("its last line was 'curl: (6) Could not resolve host: mirror.internal'.");
        assertThat(build.log()).contains("[awsBakeAmi] The provisioning script failed on builder i-",
                "(failOnError: false, returning status Failed)");
        BakeWorld.assertNothingLeftBehind(aws, seeded, List.of());
        assertThat(onlyAction().getResult()).isEqualTo(result);
    }

    @Test
    void rollout_failOnErrorOff_returnsTheRolledBackMapWithItsReason() throws Exception {
        aws = SimulatedAws.start(AsgWorlds.web(4).build());
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("bad-v3").id());
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setFailOnError(false);

        Map<String, Object> result = returned(aws.run(step));

        assertThat(result.get("status")).isIn("RolledBack", "Failed");
        assertThat((String) result.get("reason")).contains("unhealthy in web-tg: Target.FailedHealthChecks");
        assertThat(result).containsKeys("replacedInstances", "newInstances", "launchTemplateVersion");
        assertThat(aws.sim().state().group("web").instances("InService")).hasSize(4)
                .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
        assertThat(onlyAction().getStatus()).isEqualTo(result.get("status"));
    }

    @Test
    void registration_failOnErrorOff_returnsTheGuardsRefusal() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).build());
        List<String> web = ElbWorlds.instances(aws.sim(), "web");
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setAction("deregister");
        step.setInstanceIds(web.subList(0, 2));
        step.setTargetGroup("web-tg");
        step.setMinHealthyTargets(3);
        step.setFailOnError(false);

        Map<String, Object> result = returned(aws.run(step));

        assertThat(result).containsEntry("status", "Failed").containsEntry("reason", "Refusing to deregister 2 targets from "
                + "target group web-tg: it has 4 healthy targets of 4 registered, and taking out 2 healthy ones would leave 2, "
                + "fewer than minHealthyTargets 3. Nothing was changed.");
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    @Test
    void codeDeploy_failOnErrorOff_keepsTheDeploymentsStatusAndAddsTheReason() throws Exception {
        aws = SimulatedAws.start(CodeDeployWorlds.inPlace(4).build());
        AwsCodeDeployStep step = AwsCodeDeployStepTest.s3("web/broken.zip");
        step.setFailOnError(false);

        Map<String, Object> result = returned(aws.run(step));

        assertThat(result).containsEntry("status", "Failed").containsEntry("errorCode", "HEALTH_CONSTRAINTS");
        assertThat((String) result.get("reason")).startsWith("Deployment d-").contains("'curl: (7) Failed to connect");
    }

    @Test
    void failOnErrorOn_failsTheStepAndKeepsTheMapOnTheBuild() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).build());
        List<String> web = ElbWorlds.instances(aws.sim(), "web");
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setAction("deregister");
        step.setInstanceIds(web.subList(0, 2));
        step.setTargetGroup("web-tg");
        step.setMinHealthyTargets(3);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class);
        StepResultAction action = onlyAction();
        assertThat(action.getFunctionName()).isEqualTo("awsElbRegister");
        assertThat(action.getStatus()).isEqualTo("Failed");
        assertThat(action.getReason()).isEqualTo(build.failure().getMessage());
        assertThat(action.getDisplayName()).isEqualTo("awsElbRegister: Failed");
        assertThat(action.getIconFileName()).isNull();
        assertThat(action.getUrlName()).isNull();
        assertThat(action.getRows()).extracting(StepResultAction.Row::name).contains("action", "changed")
                .doesNotContain("status", "reason");

        EnvVars env = new EnvVars();
        action.buildEnvironment(null, env);
        assertThat(env).containsEntry("AWS_ELB_REGISTER_STATUS", "Failed")
                .containsEntry("AWS_ELB_REGISTER_REASON", build.failure().getMessage());
        assertThat(env.get("AWS_ELB_REGISTER_RESULT")).startsWith("{\"action\":\"deregister\",\"targets\":[{\"id\":\"" + web.get(0)
                + "\",\"port\":80,").contains("\"status\":\"Failed\"", "\"reason\":\"Refusing to deregister 2 targets");
    }

    @Test
    void success_isKeptOnTheBuildAsSucceeded_andTheVariablesHoldTheLastCall() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).build());
        List<String> spare = ElbWorlds.instances(aws.sim(), "spare");
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setInstanceIds(spare);
        step.setTargetGroup("web-tg");

        Map<String, Object> result = returned(aws.run(step));

        assertThat(result).doesNotContainKey("status");
        StepResultAction action = onlyAction();
        EnvVars env = new EnvVars("AWS_ELB_REGISTER_REASON", "an earlier call's failure");
        action.buildEnvironment(null, env);
        assertThat(env).containsEntry("AWS_ELB_REGISTER_STATUS", "Succeeded").doesNotContainKey("AWS_ELB_REGISTER_REASON");
    }

    @Test
    void stop_isNeverSwallowed_evenWithFailOnErrorOff() throws Exception {
        aws = SimulatedAws.start(CodeDeployWorlds.inPlace(4).build());
        AwsCodeDeployStep step = AwsCodeDeployStepTest.s3("web/2.0.zip");
        step.setFailOnError(false);
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(step, build);
        aws.scheduler().runUntil(() -> build.log().contains("InProgress"), 10_000);

        AbortException stop = new AbortException("stopped by the user");
        execution.stop(stop);
        aws.runToEnd(build);

        assertThat(build.failure()).isSameAs(stop);
        assertThat(onlyAction().getStatus()).isEqualTo("Stopped");
        assertThat(onlyAction().getReason()).contains("was stopped", "Stopped deployment d-");
    }

    @Test
    void invalidParameters_failEvenWithFailOnErrorOff_andAreKeptOnTheBuild() throws Exception {
        aws = SimulatedAws.start(ElbWorlds.fleet(30).build());
        AwsElbRegisterStep step = new AwsElbRegisterStep();
        step.setInstanceIds(List.of("web-1"));
        step.setTargetGroup("web-tg");
        step.setFailOnError(false);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageStartingWith("Invalid instanceIds");
        assertThat(onlyAction().getStatus()).isEqualTo("Failed");
        assertThat(onlyAction().getReason()).isEqualTo(build.failure().getMessage());
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    @Test
    void theKeptMap_isAPlainCopyInCollectionsTheBuildRecordCanHold() {
        StepResultAction action = new StepResultAction("awsBakeAmi",
                Map.of("amis", Map.of("us-east-1", "ami-1"), "snapshotIds", List.of("snap-1"), "when", java.time.Duration.ofSeconds(5)));

        assertThat(action.getResult().get("amis")).isExactlyInstanceOf(java.util.LinkedHashMap.class);
        assertThat(action.getResult().get("snapshotIds")).isExactlyInstanceOf(java.util.ArrayList.class);
        assertThat(action.getResult()).containsEntry("when", "PT5S");
        assertThat(action.getRows()).extracting(StepResultAction.Row::value).contains("1 entry", "snap-1", "PT5S");
    }

    @Test
    void failedMap_namesTimeoutsAndKeepsAnOperationsOwnStatus() {
        assertThat(StepOutcome.failed(null, "It timed out.", AbortReason.DEADLINE))
                .containsEntry("status", "TimedOut").containsEntry("reason", "It timed out.");
        assertThat(StepOutcome.failed(null, "Stopped.", AbortReason.STOPPED)).containsEntry("status", "Stopped");
        assertThat(StepOutcome.failed(Map.of("status", "RolledBack", "reason", "old"), "Why.", AbortReason.FAILED))
                .containsEntry("status", "RolledBack").containsEntry("reason", "Why.");
        assertThat(StepOutcome.failed(Map.of("amiId", "ami-1"), "Why.", null))
                .containsEntry("status", "Failed").containsEntry("amiId", "ami-1");
        assertThat(StepOutcome.alwaysFails(AbortReason.STOPPED, null)).isTrue();
        assertThat(StepOutcome.alwaysFails(AbortReason.DEADLINE, null)).isFalse();
        assertThat(StepOutcome.alwaysFails(null, new IllegalStateException("bug"))).isTrue();
    }

    @Test
    void json_escapesAndKeepsPlainValues() {
        assertThat(StepResultAction.Json.of(Map.of("a", List.of(1, 2.5, true, "x\"y\n"))))
                .isEqualTo("{\"a\":[1,2.5,true,\"x\\\"y\\n\"]}");
        assertThat(new StepResultAction("awsAsgRollout", Map.of()).getVariablePrefix()).isEqualTo("AWS_ASG_ROLLOUT");
        assertThat(new StepResultAction("awsCodeDeploy", Map.of()).getVariablePrefix()).isEqualTo("AWS_CODE_DEPLOY");
    }
}
