package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.StopStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetFilterName;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;

/** Failing hooks, failed downloads, health constraints, automatic rollback and StopDeployment. */
class FailureAndRollbackTest extends CodeDeployTestBase {

    private void withRollback() {
        group("CodeDeployDefault.OneAtATime", r -> r.autoRollbackConfiguration(a -> a.enabled(true)
                .events(AutoRollbackEvent.DEPLOYMENT_FAILURE, AutoRollbackEvent.DEPLOYMENT_STOP_ON_REQUEST)));
    }

    @Test
    void revisionMarkedToFailAHookFailsItWithDiagnosticsAndTheDeploymentFails() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        bundle("web/bad.zip", APPSPEC + "# sim-fail:ValidateService\n");
        String id = deploy("web/bad.zip");

        runToEnd(id);

        DeploymentInfo failed = info(id);
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.errorInformation().codeAsString()).isEqualTo("HEALTH_CONSTRAINTS");
        assertThat(failed.errorInformation().message()).startsWith("The overall deployment failed because too many individual instances");
        assertThat(failed.deploymentOverview().failed()).isEqualTo(1);
        assertThat(failed.deploymentOverview().skipped()).isEqualTo(3);
        assertThat(failed.rollbackInfo()).isNull();
        List<String> failedIds = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)
                .targetFilters(java.util.Map.of(TargetFilterName.TARGET_STATUS, List.of("Failed")))).targetIds();
        InstanceTarget target = codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds(failedIds))
                .deploymentTargets().get(0).instanceTarget();
        assertThat(target.status()).isEqualTo(TargetStatus.FAILED);
        var validate = event(target, "ValidateService");
        assertThat(validate.status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(validate.diagnostics().errorCodeAsString()).isEqualTo("ScriptFailed");
        assertThat(validate.diagnostics().scriptName()).isEqualTo("scripts/check_health.sh");
        assertThat(validate.diagnostics().message())
                .isEqualTo("Script at specified location: scripts/check_health.sh run as user root failed with exit code 1");
        assertThat(validate.diagnostics().logTail().lines().count()).isGreaterThan(1);
        assertThat(validate.diagnostics().logTail()).contains("sim-fail:ValidateService");
        assertThat(event(target, "BeforeAllowTraffic").status()).isEqualTo(LifecycleEventStatus.SKIPPED);
        assertThat(event(target, "AfterInstall").diagnostics().errorCodeAsString()).isEqualTo("Success");
        // The failed instance stays out of the target group: AllowTraffic never ran.
        assertThat(healthyInTargetGroup()).isEqualTo(3);
    }

    @Test
    void failureRollsBackToTheLastSuccessfulRevisionWhenTheGroupAsksForIt() {
        withRollback();
        String good = deploy("web/1.0.zip");
        runToEnd(good);
        bundle("web/bad.zip", APPSPEC + "# sim-fail:AfterInstall\n");
        String bad = deploy("web/bad.zip");

        runToEnd(bad);

        DeploymentInfo failed = info(bad);
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        String rollbackId = failed.rollbackInfo().rollbackDeploymentId();
        assertThat(rollbackId).matches("d-[A-Z0-9]{9}");
        assertThat(failed.rollbackInfo().rollbackMessage()).contains(rollbackId).contains("web/1.0.zip");
        DeploymentInfo rollback = info(rollbackId);
        assertThat(rollback.creatorAsString()).isEqualTo("codeDeployRollback");
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(bad);
        assertThat(rollback.revision().s3Location().key()).isEqualTo("web/1.0.zip");
        assertThat(rollback.previousRevision().s3Location().key()).isEqualTo("web/1.0.zip");
        runToEnd(rollbackId);
        assertThat(info(rollbackId).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(info(rollbackId).deploymentOverview().succeeded()).isEqualTo(4);
        assertThat(healthyInTargetGroup()).isEqualTo(4);
    }

    @Test
    void deploymentOverrideDecidesRollbackOverTheGroupSetting() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        runToEnd(deploy("web/1.0.zip"));
        bundle("web/bad.zip", APPSPEC + "sim-fail:ApplicationStart");

        String bad = deploy("web/bad.zip", r -> r.autoRollbackConfiguration(a -> a.enabled(true)
                .events(AutoRollbackEvent.DEPLOYMENT_FAILURE)));
        runToEnd(bad);

        assertThat(info(bad).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info(bad).autoRollbackConfiguration().enabled()).isTrue();
        assertThat(info(bad).rollbackInfo().rollbackDeploymentId()).isNotNull();
    }

    @Test
    void withoutAPreviousSuccessNothingIsRolledBack() {
        withRollback();
        bundle("web/bad.zip", APPSPEC + "sim-fail:BeforeInstall");
        String bad = deploy("web/bad.zip");

        runToEnd(bad);

        assertThat(info(bad).rollbackInfo().rollbackDeploymentId()).isNull();
        assertThat(info(bad).rollbackInfo().rollbackMessage()).contains("no previous successful deployment");
        assertThat(codeDeploy.listDeployments(r -> r.applicationName("web-app").deploymentGroupName("web-dg")).deployments())
                .containsExactly(bad);
    }

    @Test
    void injectedHookFailureOnOneInstanceStaysWithinHalfAtATime() {
        group("CodeDeployDefault.HalfAtATime", r -> { });
        sim.faults().failHook("web-app", "web-dg", "AfterInstall", 1);
        String id = deploy("web/1.0.zip");

        runToEnd(id);

        DeploymentInfo done = info(id);
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.deploymentOverview().failed()).isEqualTo(1);
        assertThat(done.deploymentOverview().succeeded()).isEqualTo(3);
        InstanceTarget failed = targets(id).stream().filter(t -> t.status() == TargetStatus.FAILED).findFirst().orElseThrow();
        assertThat(event(failed, "AfterInstall").diagnostics().scriptName()).isEqualTo("scripts/after_install.sh");
        assertThat(event(failed, "AfterInstall").diagnostics().logTail()).contains("Faults.failHook");
    }

    @Test
    void oneAtATimeSucceedsWhenOnlyTheLastInstanceFails() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        String id = deploy("web/1.0.zip");
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofHours(1),
                () -> info(id).deploymentOverview().succeeded() == 3);
        sim.faults().failHook("web-app", "web-dg", "ApplicationStart");

        runToEnd(id);

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(info(id).deploymentOverview().failed()).isEqualTo(1);
    }

    @Test
    void missingBundleOrMismatchedETagFailsDownloadBundle() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String missing = deploy("web/missing.zip");
        runToEnd(missing);
        String wrongETag = deploy("web/1.0.zip", r -> r.revision(v -> v.revisionType("S3")
                .s3Location(l -> l.bucket("deploy-bundles").key("web/1.0.zip").bundleType("zip").eTag("0123456789abcdef"))));
        runToEnd(wrongETag);

        assertThat(info(missing).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(targets(missing)).allSatisfy(t -> {
            assertThat(event(t, "DownloadBundle").diagnostics().errorCodeAsString()).isEqualTo("UnknownError");
            assertThat(event(t, "DownloadBundle").diagnostics().message()).isEqualTo("The specified key does not exist.");
        });
        assertThat(targets(wrongETag)).allSatisfy(t -> assertThat(event(t, "DownloadBundle").diagnostics().message())
                .isEqualTo("At least one of the pre-conditions you specified did not hold"));
    }

    @Test
    void minimumHealthyAtOrAboveTheFleetFailsAtOnce() {
        codeDeploy.createDeploymentConfig(r -> r.deploymentConfigName("AllButNone").minimumHealthyHosts(m -> m.type("HOST_COUNT").value(4)));
        group("AllButNone", r -> { });
        String id = deploy("web/1.0.zip");

        clock.advance(Duration.ofSeconds(2));

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info(id).errorInformation().codeAsString()).isEqualTo("HEALTH_CONSTRAINTS_INVALID");
        assertThat(healthyInTargetGroup()).isEqualTo(4);
    }

    @Test
    void groupWithoutInstancesFailsWithNoInstances() {
        codeDeploy.createDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("tagged")
                .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole")
                .ec2TagFilters(f -> f.key("Role").value("nothing-has-this").type("KEY_AND_VALUE")));
        String id = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("tagged")
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key("web/1.0.zip").bundleType("zip"))))
                .deploymentId();

        clock.advance(Duration.ofSeconds(2));

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info(id).errorInformation().codeAsString()).isEqualTo("NO_INSTANCES");
    }

    @Test
    void applicationStopFailuresAreIgnoredWhenAsked() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        bundle("web/stop-fails.zip", APPSPEC + "sim-fail:ApplicationStop");

        String ignored = deploy("web/stop-fails.zip", r -> r.ignoreApplicationStopFailures(true));
        runToEnd(ignored);
        String notIgnored = deploy("web/stop-fails.zip");
        runToEnd(notIgnored);

        assertThat(info(ignored).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(event(targets(ignored).get(0), "ApplicationStop").diagnostics().message()).contains("ignored");
        assertThat(info(notIgnored).status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void stopWithoutRollbackLetsTheRunningEventFinishAndSkipsTheRest() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        String id = deploy("web/1.0.zip");
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(10),
                () -> info(id).deploymentOverview().succeeded() == 1 && info(id).deploymentOverview().inProgress() == 1);

        StopDeploymentResponse stop = codeDeploy.stopDeployment(r -> r.deploymentId(id).autoRollbackEnabled(false));
        assertThat(stop.status()).isEqualTo(StopStatus.PENDING);
        runToEnd(id);

        DeploymentInfo stopped = info(id);
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().codeAsString()).isEqualTo("MANUAL_STOP");
        assertThat(stopped.deploymentOverview().succeeded()).isEqualTo(1);
        assertThat(stopped.deploymentOverview().skipped()).isEqualTo(3);
        assertThat(stopped.rollbackInfo()).isNull();
        assertThatThrownBy(() -> codeDeploy.stopDeployment(r -> r.deploymentId(id)))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
    }

    @Test
    void stopWithRollbackRedeploysTheLastSuccessfulRevision() {
        group("CodeDeployDefault.OneAtATime", r -> { });
        runToEnd(deploy("web/1.0.zip"));
        String id = deploy("web/2.0.zip");
        Fixtures.advanceUntil(clock, Duration.ofSeconds(1), Duration.ofMinutes(10), () -> info(id).deploymentOverview().inProgress() == 1);

        codeDeploy.stopDeployment(r -> r.deploymentId(id).autoRollbackEnabled(true));
        runToEnd(id);

        String rollbackId = info(id).rollbackInfo().rollbackDeploymentId();
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(rollbackId).isNotNull();
        runToEnd(rollbackId);
        assertThat(info(rollbackId).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(info(rollbackId).revision().s3Location().key()).isEqualTo("web/1.0.zip");
        assertThat(healthyInTargetGroup()).isEqualTo(4);
    }

    @Test
    void stopOnRequestRollsBackWhenTheGroupAsksAndTheCallerDoesNotSay() {
        withRollback();
        runToEnd(deploy("web/1.0.zip"));
        String id = deploy("web/2.0.zip");

        StopDeploymentResponse stop = codeDeploy.stopDeployment(r -> r.deploymentId(id));

        assertThat(stop.status()).isEqualTo(StopStatus.SUCCEEDED);
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(info(id).rollbackInfo().rollbackDeploymentId()).isNotNull();
    }
}
