package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

class AwsCodeDeployStepTest {

    private SimulatedAws aws;

    @TempDir
    Path workspace;

    @AfterEach
    void close() {
        if (aws != null) {
            aws.close();
        }
    }

    private void start(World.Builder world) {
        aws = SimulatedAws.start(world.build());
    }

    static AwsCodeDeployStep step(String group) {
        AwsCodeDeployStep step = new AwsCodeDeployStep("web-app", group);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    static AwsCodeDeployStep s3(String key) {
        AwsCodeDeployStep step = step("web-dg");
        step.setS3(new CodeDeployS3Location("deploy-bundles", key));
        return step;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(TestStepContext build) {
        assertThat(build.failure()).as(build.log()).isNull();
        return (Map<String, Object>) build.result();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> instances(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("instances");
    }

    private List<Call> ours(String action) {
        return aws.sim().calls().matching(c -> c.action().equals(action) && !c.accessKeyId().startsWith("AKIASIMULATOR"));
    }

    private DeploymentInfo deployment(String id) {
        try (CodeDeployClient codeDeploy = SimClients.of(aws.sim()).codeDeploy()) {
            return codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        }
    }

    // ---- revisions

    @Test
    void s3Revision_deploysEveryInstanceAndReturnsTheOutcome() throws Exception {
        start(CodeDeployWorlds.inPlace(4));

        TestStepContext build = aws.run(s3("web/2.0.zip"));

        Map<String, Object> result = result(build);
        String id = (String) result.get("deploymentId");
        assertThat(result).containsEntry("status", "Succeeded").containsEntry("rollbackDeploymentId", null)
                .containsEntry("application", "web-app").containsEntry("deploymentGroup", "web-dg");
        assertThat((Map<String, Object>) result.get("overview")).containsEntry("succeeded", 4L).containsEntry("failed", 0L);
        assertThat(instances(result)).hasSize(4).allSatisfy(i -> assertThat(i).containsEntry("status", "Succeeded")
                .containsEntry("failedEvent", null));
        assertThat((long) result.get("durationSeconds")).isBetween(60L, 600L);
        assertThat(build.log()).contains(
                "[awsCodeDeploy] VALIDATE Deployment group web-app/web-dg: in place with traffic control, "
                        + "CodeDeployDefault.HalfAtATime, automatic rollback on DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_REQUEST.",
                "[awsCodeDeploy] DEPLOY Created deployment " + id + ": s3://deploy-bundles/web/2.0.zip to web-app/web-dg.",
                "InProgress: BeforeBlockTraffic Succeeded, BlockTraffic InProgress",
                "[awsCodeDeploy] DEPLOY " + id + " InProgress: 2 of 4 instances succeeded, 2 in progress.",
                "[awsCodeDeploy] DEPLOY Deployment " + id + " to web-app/web-dg succeeded in ");
        // One CreateDeployment; targets listed once and read in one batch per poll, never one call per instance.
        assertThat(ours("CreateDeployment")).hasSize(1);
        assertThat(ours("CreateDeployment").get(0).params()).containsEntry("revision.s3Location.key", "web/2.0.zip")
                .containsEntry("revision.s3Location.bundleType", "zip");
        assertThat(ours("ListDeploymentTargets")).hasSize(1);
        assertThat(ours("BatchGetDeploymentTargets")).hasSizeLessThanOrEqualTo(ours("GetDeployment").size());
        assertThat(deployment(id).statusAsString()).isEqualTo("Succeeded");
    }

    @Test
    void gitHubRevision_isDeployedAsGiven() throws Exception {
        start(CodeDeployWorlds.inPlace(2));
        AwsCodeDeployStep step = step("web-dg");
        step.setGitHub(new CodeDeployGitHubLocation("example/web", "0123456789abcdef0123456789abcdef01234567"));

        Map<String, Object> result = result(aws.run(step));

        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(ours("CreateDeployment").get(0).params()).containsEntry("revision.revisionType", "GitHub")
                .containsEntry("revision.gitHubLocation.repository", "example/web");
        assertThat(deployment((String) result.get("deploymentId")).revision().gitHubLocation().commitId())
                .isEqualTo("0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void appSpecContent_isSentWithItsSha256() throws Exception {
        start(CodeDeployWorlds.inPlace(2));
        AwsCodeDeployStep step = step("web-dg");
        step.setAppSpecContent(CodeDeployWorlds.APPSPEC);

        Map<String, Object> result = result(aws.run(step));

        assertThat(result).containsEntry("status", "Succeeded");
        Call create = ours("CreateDeployment").get(0);
        assertThat(create.params()).containsEntry("revision.revisionType", "AppSpecContent")
                .containsKey("revision.appSpecContent.sha256");
        assertThat(create.param("revision.appSpecContent.sha256")).hasSize(64);
    }

    @Test
    void source_isZippedWithItsModesUploadedEncryptedRegisteredAndDeployed() throws Exception {
        start(CodeDeployWorlds.inPlace(2));
        Path app = Files.createDirectories(workspace.resolve("build/deploy"));
        Files.writeString(app.resolve("appspec.yml"), CodeDeployWorlds.APPSPEC);
        Files.createDirectories(app.resolve("scripts"));
        Files.writeString(app.resolve("scripts/validate.sh"), "#!/bin/sh\ncurl -f localhost/health\n");
        Files.setPosixFilePermissions(app.resolve("scripts/validate.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(app.resolve("README.md"), "notes");
        AwsCodeDeployStep step = step("web-dg");
        step.setSource("build/deploy");
        step.setSourceExcludes(List.of("*.md"));
        step.setS3Bucket("deploy-bundles");
        step.setS3Prefix("web/builds");
        step.setSseAlgorithm("aws:kms");
        step.setSseKmsKeyId("alias/deploy");
        TestStepContext build = aws.context("web-pipeline", 42).withWorkspace(new FilePath(workspace.toFile()));
        aws.start(step, build);
        aws.runToEnd(build);

        Map<String, Object> result = result(build);
        Map<String, Object> revision = (Map<String, Object>) result.get("revision");
        String key = (String) revision.get("key");
        assertThat(key).matches("web/builds/web-pipeline-42-[0-9a-f]{12}\\.zip");
        assertThat(revision).containsEntry("bucket", "deploy-bundles").containsEntry("bundleType", "zip");
        assertThat(revision.get("version")).isNotNull();
        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(build.log()).contains("[awsCodeDeploy] UPLOAD Packed 'build/deploy' from the workspace (2 files, ",
                ") and uploaded it to s3://deploy-bundles/" + key + " (version " + revision.get("version") + "), encrypted with aws:kms.");
        // Upload, register, deploy: in that order, each once, the deployment pinned to the uploaded version and ETag.
        assertThat(aws.sim().calls().mutating()).extracting(Call::action)
                .containsExactly("PutObject", "RegisterApplicationRevision", "CreateDeployment");
        Call create = ours("CreateDeployment").get(0);
        assertThat(create.params()).containsEntry("revision.s3Location.key", key)
                .containsEntry("revision.s3Location.version", (String) revision.get("version"))
                .containsEntry("revision.s3Location.eTag", (String) revision.get("eTag"));
        try (S3Client s3 = SimClients.of(aws.sim()).s3()) {
            HeadObjectResponse head = s3.headObject(r -> r.bucket("deploy-bundles").key(key));
            assertThat(head.serverSideEncryptionAsString()).isEqualTo("aws:kms");
            assertThat(head.ssekmsKeyId()).isEqualTo("alias/deploy");
            byte[] zip = s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key(key)).asByteArray();
            assertThat(entries(zip)).containsExactly("appspec.yml", "scripts/", "scripts/validate.sh");
        }
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void source_outsideNode_failsBeforeAnyAwsCall() throws Exception {
        start(CodeDeployWorlds.inPlace(2));
        AwsCodeDeployStep step = step("web-dg");
        step.setSource("build/deploy");
        step.setS3Bucket("deploy-bundles");

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessage(
                "source 'build/deploy' needs a workspace: run awsCodeDeploy inside node { }, or deploy a bundle that is "
                        + "already in S3 with s3.");
        assertThat(aws.sim().calls().all()).isEmpty();
    }

    // ---- failure, rollback

    @Test
    void failingHook_failsWithTheInstanceDiagnosticsAndTheRollbackDeployment() throws Exception {
        start(CodeDeployWorlds.inPlace(4));

        TestStepContext build = aws.run(s3("web/broken.zip"));

        assertThat(build.failure()).isInstanceOf(AbortException.class);
        String message = build.failure().getMessage();
        String id = ours("CreateDeployment").isEmpty() ? null : deploymentIdFromLog(build.log());
        DeploymentInfo info = deployment(id);
        String rollbackId = info.rollbackInfo().rollbackDeploymentId();
        assertThat(rollbackId).isNotNull();
        assertThat(message).startsWith("Deployment " + id + " to web-app/web-dg failed (HEALTH_CONSTRAINTS): 2 of 4 instances failed, first i-")
                .contains(" at ValidateService (scripts/validate.sh): 'curl: (7) Failed to connect to localhost port 80 after 0 ms: Connection refused'")
                .endsWith("; CodeDeploy started rollback deployment " + rollbackId + ".");
        assertThat(build.log()).contains("[awsCodeDeploy] FAILED WARNING: i-", " failed at ValidateService: ScriptFailed in "
                + "scripts/validate.sh: Script at specified location: scripts/validate.sh run as user root failed with exit code 1",
                "[awsCodeDeploy] FAILED   | ",
                "[awsCodeDeploy] ROLLBACK WARNING: CodeDeploy started rollback deployment " + rollbackId + " to web-app/web-dg.");
        assertThat(deployment(rollbackId).creatorAsString()).isEqualTo("codeDeployRollback");
    }

    private static String deploymentIdFromLog(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Created deployment (d-[A-Z0-9]{9})").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return m.group(1);
    }

    @Test
    void failingHook_withFailOnErrorOff_returnsTheDiagnosticsInTheMap() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        AwsCodeDeployStep step = s3("web/broken.zip");
        step.setFailOnError(false);

        Map<String, Object> result = result(aws.run(step));

        assertThat(result).containsEntry("status", "Failed").containsEntry("errorCode", "HEALTH_CONSTRAINTS");
        assertThat((String) result.get("rollbackDeploymentId")).startsWith("d-");
        List<Map<String, Object>> failed = instances(result).stream().filter(i -> "Failed".equals(i.get("status"))).toList();
        assertThat(failed).hasSize(2).allSatisfy(i -> {
            assertThat(i).containsEntry("failedEvent", "ValidateService").containsEntry("scriptName", "scripts/validate.sh")
                    .containsEntry("errorCode", "ScriptFailed");
            assertThat((String) i.get("logTail")).isNotBlank();
            assertThat(((String) i.get("logTail")).lines().count()).isLessThanOrEqualTo(20);
        });
        assertThat(instances(result).stream().filter(i -> !"Failed".equals(i.get("status"))))
                .allSatisfy(i -> assertThat(i).containsEntry("failedEvent", null));
    }

    @Test
    void autoRollbackOff_overridesTheGroupAndNothingIsRolledBack() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        AwsCodeDeployStep step = s3("web/broken.zip");
        CodeDeployAutoRollback off = new CodeDeployAutoRollback();
        off.setEnabled(false);
        step.setAutoRollback(off);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).hasMessageContaining("failed (HEALTH_CONSTRAINTS)").hasMessageNotContaining("rollback");
        assertThat(ours("CreateDeployment").get(0).params()).containsEntry("autoRollbackConfiguration.enabled", "false");
        assertThat(aws.sim().calls().of("CreateDeployment")).hasSize(1);
        assertThat(deployment(deploymentIdFromLog(build.log())).rollbackInfo()).isNull();
    }

    // ---- abort, timeout, restart

    @Test
    void abort_stopsTheDeploymentWithRollbackThenFailsWithTheCause() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(s3("web/2.0.zip"), build);
        aws.scheduler().runUntil(() -> build.log().contains("InProgress: 0 of 4"), 10_000);

        CancellationException cause = new CancellationException("aborted by admin");
        execution.stop(cause);
        aws.scheduler().runUntil(build::isCompleted, 200);

        assertThat(build.failure()).as(build.log()).isSameAs(cause);
        String id = deploymentIdFromLog(build.log());
        // The stop is waited for with the polling delays, not in a tight loop.
        assertThat(ours("GetDeployment").size()).isLessThan(30);
        assertThat(ours("StopDeployment")).singleElement().satisfies(c -> assertThat(c.params())
                .containsEntry("deploymentId", id).containsEntry("autoRollbackEnabled", "true"));
        DeploymentInfo info = deployment(id);
        assertThat(info.statusAsString()).isEqualTo("Stopped");
        assertThat(build.log()).contains("[awsCodeDeploy] STOP Stopping deployment " + id + " with automatic rollback.",
                "[awsCodeDeploy] CodeDeploy deployment to web-app/web-dg was stopped. Stopped deployment " + id
                        + "; CodeDeploy rolls back with deployment " + info.rollbackInfo().rollbackDeploymentId() + ".");
    }

    @Test
    void abort_withOnAbortLeave_leavesTheDeploymentRunning() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        AwsCodeDeployStep step = s3("web/2.0.zip");
        step.setOnAbort("leave");
        TestStepContext build = aws.context("test", 1);
        StepExecution execution = aws.start(step, build);
        aws.scheduler().runUntil(() -> build.log().contains("InProgress: 0 of 4"), 10_000);

        execution.stop(new CancellationException("aborted"));
        aws.runToEnd(build);

        assertThat(build.failure()).isInstanceOf(CancellationException.class);
        assertThat(ours("StopDeployment")).isEmpty();
        assertThat(build.log()).contains("was stopped. Deployment " + deploymentIdFromLog(build.log())
                + " was left running (onAbort: 'leave').");
        aws.sim().advance(java.time.Duration.ofMinutes(10));
        assertThat(deployment(deploymentIdFromLog(build.log())).statusAsString()).isEqualTo("Succeeded");
    }

    @Test
    void timeout_stopsTheDeploymentAndSaysSo() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        AwsCodeDeployStep step = s3("web/2.0.zip");
        step.setTimeoutMinutes(1);

        TestStepContext build = aws.run(step);

        String id = deploymentIdFromLog(build.log());
        DeploymentInfo info = deployment(id);
        assertThat(info.statusAsString()).isEqualTo("Stopped");
        assertThat(build.failure()).isInstanceOf(AbortException.class).hasMessageStartingWith(
                "CodeDeploy deployment to web-app/web-dg timed out after 1m")
                .hasMessageContaining(" waiting for deployment " + id + " to finish (InProgress: ")
                .hasMessageEndingWith("Stopped deployment " + id + "; CodeDeploy rolls back with deployment "
                        + info.rollbackInfo().rollbackDeploymentId() + ".");
        assertThat(ours("StopDeployment")).hasSize(1);
    }

    @Test
    void restart_midDeployment_followsTheSameDeploymentToTheEnd() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        TestStepContext build = aws.context("test", 1);
        aws.start(s3("web/2.0.zip"), build);
        aws.scheduler().runUntil(() -> build.log().contains("InProgress: 2 of 4"), 10_000);

        aws.restart(build);
        aws.runToEnd(build);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(aws.sim().calls().of("CreateDeployment")).hasSize(1);
        assertThat(result.get("deploymentId")).isEqualTo(deploymentIdFromLog(build.log()));
        // The instances already seen are not announced again after the restart.
        assertThat(build.log().split("Succeeded: AfterAllowTraffic Succeeded", -1)).hasSize(3);
    }

    @Test
    void restart_whenTheCreateTickIsReplayed_findsTheDeploymentInsteadOfCreatingAnother() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        TestStepContext build = aws.context("test", 1);
        aws.start(s3("web/2.0.zip"), build);
        byte[] beforeCreate = null;
        while (aws.sim().calls().count("CreateDeployment") == 0) {
            beforeCreate = build.savedBytes();
            aws.scheduler().runUntil(() -> false, 1);
        }

        // The controller died after CreateDeployment answered, before the deployment id was saved.
        aws.restartFrom(build, beforeCreate);
        aws.runToEnd(build);

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(aws.sim().calls().of("CreateDeployment")).hasSize(1);
        assertThat(build.log()).contains("[awsCodeDeploy] DEPLOY Found deployment " + result.get("deploymentId")
                + ", created before the step was interrupted.");
    }

    // ---- throttling

    @Test
    void throttling30Percent_aSucceededDeploymentIsReportedAsSucceeded() throws Exception {
        start(CodeDeployWorlds.inPlace(4));
        aws.sim().faults().throttleAll(0.3);

        TestStepContext build = aws.run(s3("web/2.0.zip"));

        Map<String, Object> result = result(build);
        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(aws.sim().calls().throttled()).isNotEmpty();
        assertThat(aws.sim().calls().of("CreateDeployment").stream().filter(Call::ok)).hasSize(1);
        assertThat(deployment((String) result.get("deploymentId")).statusAsString()).isEqualTo("Succeeded");
    }

    // ---- blue/green Ready

    private AwsCodeDeployStep blueGreen() {
        AwsCodeDeployStep step = step("web-bg");
        step.setS3(new CodeDeployS3Location("deploy-bundles", "web/2.0.zip"));
        CodeDeployTargetInstances green = new CodeDeployTargetInstances();
        green.setAutoScalingGroups(List.of("web-green"));
        step.setTargetInstances(green);
        return step;
    }

    @Test
    void ready_withOnReadyReturn_returnsThenContinueDeploymentFinishesIt() throws Exception {
        start(CodeDeployWorlds.blueGreen(2, "STOP_DEPLOYMENT"));
        AwsCodeDeployStep first = blueGreen();
        first.setOnReady("return");

        Map<String, Object> ready = result(aws.run(first));

        String id = (String) ready.get("deploymentId");
        assertThat(ready).containsEntry("status", "Ready");
        assertThat(deployment(id).statusAsString()).isEqualTo("Ready");
        assertThat(ours("ContinueDeployment")).isEmpty();

        AwsCodeDeployStep second = step("web-bg");
        second.setContinueDeployment(id);
        TestStepContext build = aws.context("test", 2);
        aws.start(second, build);
        aws.runToEnd(build);

        Map<String, Object> done = result(build);
        assertThat(done).containsEntry("deploymentId", id).containsEntry("status", "Succeeded");
        assertThat(ours("ContinueDeployment")).singleElement()
                .satisfies(c -> assertThat(c.params()).containsEntry("deploymentWaitType", "READY_WAIT"));
        assertThat(aws.sim().calls().of("CreateDeployment")).hasSize(1);
        assertThat(build.log()).contains("[awsCodeDeploy] DEPLOY Continuing deployment " + id + " of web-app/web-bg (Ready).",
                "[awsCodeDeploy] READY Continued " + id + ": traffic moves to the replacement instances.");
    }

    @Test
    void ready_withOnReadyContinue_continuesAtOnceAndFollowsToTheEnd() throws Exception {
        start(CodeDeployWorlds.blueGreen(2, "STOP_DEPLOYMENT"));
        AwsCodeDeployStep step = blueGreen();
        step.setOnReady("continue");

        Map<String, Object> result = result(aws.run(step));

        assertThat(result).containsEntry("status", "Succeeded");
        assertThat(ours("ContinueDeployment")).hasSize(1);
        assertThat(instances(result)).extracting(i -> i.get("status")).containsOnly("Succeeded");
    }

    // ---- bad input

    @Test
    void badInput_failsNamingTheFieldWithoutAnyMutatingCall() throws Exception {
        start(CodeDeployWorlds.blueGreen(2, "STOP_DEPLOYMENT"));
        Map<AwsCodeDeployStep, String> cases = new java.util.LinkedHashMap<>();
        cases.put(step("web-dg"), "Nothing to deploy: set one of s3, gitHub, appSpecContent or source.");
        AwsCodeDeployStep two = s3("web/2.0.zip");
        two.setAppSpecContent("version: 0.0");
        cases.put(two, "Set only one revision: s3, appSpecContent were all given.");
        AwsCodeDeployStep behavior = s3("web/2.0.zip");
        behavior.setFileExistsBehavior("CLOBBER");
        cases.put(behavior, "Invalid fileExistsBehavior: 'CLOBBER' must be DISALLOW, OVERWRITE or RETAIN.");
        AwsCodeDeployStep onAbort = s3("web/2.0.zip");
        onAbort.setOnAbort("ignore");
        cases.put(onAbort, "Invalid onAbort: 'ignore' must be 'stop' or 'leave'.");
        AwsCodeDeployStep noType = s3("web/bundle");
        cases.put(noType, "Invalid s3.key: 'web/bundle' does not tell the bundle type; set s3.bundleType to zip, tar, tgz, YAML or JSON.");
        AwsCodeDeployStep app = new AwsCodeDeployStep("web-ap", "web-dg");
        app.setS3(new CodeDeployS3Location("deploy-bundles", "web/2.0.zip"));
        cases.put(app, "Invalid application: CodeDeploy application 'web-ap' does not exist in this region (applications: web-app).");
        AwsCodeDeployStep group = s3("web/2.0.zip");
        group = new AwsCodeDeployStep("web-app", "web-prod");
        group.setS3(new CodeDeployS3Location("deploy-bundles", "web/2.0.zip"));
        cases.put(group, "Invalid deploymentGroup: 'web-prod' is not a deployment group of web-app (its groups: web-bg, web-dg).");
        cases.put(s3("web/3.0.zip"), "Invalid s3: s3://deploy-bundles/web/3.0.zip does not exist.");
        AwsCodeDeployStep config = s3("web/2.0.zip");
        config.setDeploymentConfig("ThreeQuarters");
        cases.put(config, "Invalid deploymentConfig: 'ThreeQuarters' does not exist (built in: CodeDeployDefault.OneAtATime, "
                + "CodeDeployDefault.HalfAtATime, CodeDeployDefault.AllAtOnce).");
        AwsCodeDeployStep targets = s3("web/2.0.zip");
        CodeDeployTargetInstances green = new CodeDeployTargetInstances();
        green.setAutoScalingGroups(List.of("web-green"));
        targets.setTargetInstances(green);
        cases.put(targets, "targetInstances names the replacement instances of a blue/green deployment; web-app/web-dg deploys in place.");
        AwsCodeDeployStep noTargets = step("web-bg");
        noTargets.setS3(new CodeDeployS3Location("deploy-bundles", "web/2.0.zip"));
        cases.put(noTargets, "targetInstances is required: web-app/web-bg is a blue/green group that deploys to existing replacement instances.");
        AwsCodeDeployStep continuing = step("web-dg");
        continuing.setContinueDeployment("d-123");
        cases.put(continuing, "Invalid continueDeployment: 'd-123' is not a CodeDeploy deployment id (d- and 9 letters or digits).");
        AwsCodeDeployStep kms = s3("web/2.0.zip");
        kms.setS3(null);
        kms.setSource("app");
        kms.setS3Bucket("deploy-bundles");
        kms.setSseKmsKeyId("alias/x");
        cases.put(kms, "sseKmsKeyId needs sseAlgorithm: 'aws:kms'.");
        AwsCodeDeployStep timeout = s3("web/2.0.zip");
        timeout.setTimeoutMinutes(0);
        cases.put(timeout, "Invalid timeoutMinutes: '0' must be between 1 and 10080 (a week).");

        int number = 1;
        for (Map.Entry<AwsCodeDeployStep, String> c : cases.entrySet()) {
            TestStepContext build = aws.context("bad", number++).withWorkspace(new FilePath(workspace.toFile()));
            aws.start(c.getKey(), build);
            aws.runToEnd(build);
            assertThat(build.failure()).as(build.log()).isInstanceOf(AbortException.class).hasMessage(c.getValue());
        }
        assertThat(aws.sim().calls().mutating()).isEmpty();
    }

    // ---- secrets

    @Test
    void secret_isNeitherInTheLogNorInTheSavedState() throws Exception {
        start(CodeDeployWorlds.inPlace(2));
        TestStepContext build = aws.context("test", 1);
        aws.start(s3("web/broken.zip"), build);
        List<String> saved = new ArrayList<>();
        while (!build.isCompleted()) {
            aws.scheduler().runUntil(() -> true, 1);
            aws.scheduler().runUntil(build::isCompleted, 1);
            if (build.savedBytes() != null) {
                saved.add(new String(build.savedBytes(), StandardCharsets.ISO_8859_1));
            }
        }

        assertThat(build.failure()).isNotNull();
        assertThat(saved).isNotEmpty().allSatisfy(s -> assertThat(s).contains(SimulatedAws.CREDENTIALS_ID)
                .doesNotContain(SimulatedAws.SECRET_KEY).doesNotContain("AKIASIMDEPLOYER00001"));
        assertThat(build.log()).doesNotContain(SimulatedAws.SECRET_KEY).doesNotContain("AKIASIMDEPLOYER00001");
    }
}
