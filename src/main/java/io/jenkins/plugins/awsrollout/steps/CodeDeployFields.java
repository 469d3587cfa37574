package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.codedeploy.BundleSource;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployRequest;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@code awsCodeDeploy}, shared by the Pipeline step and the freestyle builder, and their one
 * translation into a {@link CodeDeployRequest} (which validates them).
 */
public interface CodeDeployFields {

    String getApplication();

    String getDeploymentGroup();

    @CheckForNull String getDeploymentConfig();

    @CheckForNull String getDescription();

    @CheckForNull CodeDeployS3Location getS3();

    @CheckForNull CodeDeployGitHubLocation getGitHub();

    @CheckForNull String getAppSpecContent();

    @CheckForNull String getSource();

    /** The exclude patterns for {@code source}, one per element. */
    List<String> excludePatterns();

    @CheckForNull String getS3Bucket();

    @CheckForNull String getS3Prefix();

    @CheckForNull String getSseAlgorithm();

    @CheckForNull String getSseKmsKeyId();

    @CheckForNull String getFileExistsBehavior();

    boolean isIgnoreApplicationStopFailures();

    boolean isUpdateOutdatedInstancesOnly();

    @CheckForNull CodeDeployTargetInstances getTargetInstances();

    @CheckForNull CodeDeployAutoRollback getAutoRollback();

    @CheckForNull CodeDeployAlarms getAlarms();

    boolean isWaitForCompletion();

    int getTimeoutMinutes();

    String getOnAbort();

    String getOnReady();

    @CheckForNull String getContinueDeployment();

    boolean isFailOnError();

    int getPollIntervalSeconds();

    /** The request; {@code bundle} packs {@code source} (null when there is none). */
    default CodeDeployRequest request(Map<String, String> env, AwsDefaults defaults, @CheckForNull BundleSource bundle) {
        CodeDeployRequest.Builder b = new CodeDeployRequest.Builder()
                .environment(env)
                .polling(defaults.polling())
                .application(getApplication())
                .deploymentGroup(getDeploymentGroup())
                .deploymentConfig(getDeploymentConfig())
                .description(getDescription())
                .appSpecContent(getAppSpecContent())
                .source(getSource(), bundle)
                .upload(getS3Bucket(), getS3Prefix(), getSseAlgorithm(), getSseKmsKeyId())
                .continueDeployment(getContinueDeployment())
                .fileExistsBehavior(getFileExistsBehavior())
                .ignoreApplicationStopFailures(isIgnoreApplicationStopFailures())
                .updateOutdatedInstancesOnly(isUpdateOutdatedInstancesOnly())
                .waitForCompletion(isWaitForCompletion())
                .timeoutMinutes(getTimeoutMinutes())
                .onAbort(getOnAbort())
                .onReady(getOnReady())
                .failOnError(isFailOnError())
                .pollIntervalSeconds(getPollIntervalSeconds());
        CodeDeployS3Location s3 = getS3();
        if (s3 != null) {
            b.s3(s3.getBucket(), s3.getKey(), s3.getBundleType(), s3.getVersion(), s3.geteTag());
        }
        CodeDeployGitHubLocation gitHub = getGitHub();
        if (gitHub != null) {
            b.gitHub(gitHub.getRepository(), gitHub.getCommitId());
        }
        CodeDeployTargetInstances targets = getTargetInstances();
        if (targets != null) {
            b.targetInstances(lines(targets.getAutoScalingGroups()), lines(targets.getTagFilters()));
        }
        CodeDeployAutoRollback rollback = getAutoRollback();
        if (rollback != null) {
            b.autoRollback(rollback.isEnabled(), lines(rollback.getEvents()));
        }
        CodeDeployAlarms alarms = getAlarms();
        if (alarms != null) {
            b.alarms(alarms.isEnabled(), lines(alarms.getNames()), alarms.isIgnorePollAlarmFailure());
        }
        return b.build();
    }

    /** Values as lists: a freestyle form sends a text area, one value per line, as one element. */
    static List<String> lines(@CheckForNull List<String> values) {
        return values == null ? List.of() : values.stream()
                .filter(v -> v != null)
                .flatMap(v -> v.lines())
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}
