package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.codedeploy.BundleSource;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployCursor;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployOperation;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code awsCodeDeploy}: creates a CodeDeploy deployment (from a bundle in S3, a GitHub commit, inline AppSpec
 * content, or a source in the workspace that it packs and uploads), follows it instance by instance, stops it with
 * rollback when the build is aborted or times out, and returns its id, status and per-instance diagnostics.
 */
public class AwsCodeDeployStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;

    static final String FUNCTION_NAME = "awsCodeDeploy";
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final String DEFAULT_ON_ABORT = "stop";
    static final String DEFAULT_ON_READY = "wait";

    private final String application;
    private final String deploymentGroup;
    private @CheckForNull String deploymentConfig;
    private @CheckForNull String description;
    private @CheckForNull CodeDeployS3Location s3;
    private @CheckForNull CodeDeployGitHubLocation gitHub;
    @Verbatim
    private @CheckForNull String appSpecContent;
    private @CheckForNull String source;
    private List<String> sourceExcludes = new ArrayList<>();
    private @CheckForNull String s3Bucket;
    private @CheckForNull String s3Prefix;
    private @CheckForNull String sseAlgorithm;
    private @CheckForNull String sseKmsKeyId;
    private @CheckForNull String fileExistsBehavior;
    private boolean ignoreApplicationStopFailures = false;
    private boolean updateOutdatedInstancesOnly = false;
    private @CheckForNull CodeDeployTargetInstances targetInstances;
    private @CheckForNull CodeDeployAutoRollback autoRollback;
    private @CheckForNull CodeDeployAlarms alarms;
    private boolean waitForCompletion = true;
    private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private String onAbort = DEFAULT_ON_ABORT;
    private String onReady = DEFAULT_ON_READY;
    private @CheckForNull String continueDeployment;
    private int pollIntervalSeconds = 0;
    private boolean dryRun;

    @DataBoundConstructor
    public AwsCodeDeployStep(String application, String deploymentGroup) {
        this.application = Util.fixEmptyAndTrim(application);
        this.deploymentGroup = Util.fixEmptyAndTrim(deploymentGroup);
    }

    public String getApplication() {
        return application;
    }

    public String getDeploymentGroup() {
        return deploymentGroup;
    }

    public @CheckForNull String getDeploymentConfig() {
        return deploymentConfig;
    }

    @DataBoundSetter
    public void setDeploymentConfig(@CheckForNull String deploymentConfig) {
        this.deploymentConfig = Util.fixEmptyAndTrim(deploymentConfig);
    }

    public @CheckForNull String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    public @CheckForNull CodeDeployS3Location getS3() {
        return s3;
    }

    @DataBoundSetter
    public void setS3(@CheckForNull CodeDeployS3Location s3) {
        this.s3 = s3;
    }

    public @CheckForNull CodeDeployGitHubLocation getGitHub() {
        return gitHub;
    }

    @DataBoundSetter
    public void setGitHub(@CheckForNull CodeDeployGitHubLocation gitHub) {
        this.gitHub = gitHub;
    }

    public @CheckForNull String getAppSpecContent() {
        return appSpecContent;
    }

    @DataBoundSetter
    public void setAppSpecContent(@CheckForNull String appSpecContent) {
        this.appSpecContent = Util.fixEmpty(appSpecContent);
    }

    public @CheckForNull String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(@CheckForNull String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    public List<String> getSourceExcludes() {
        return sourceExcludes;
    }

    @DataBoundSetter
    public void setSourceExcludes(@CheckForNull List<String> sourceExcludes) {
        this.sourceExcludes = OnePerLine.split(sourceExcludes);
    }

    /** Patterns, one per line (the form's text). */
    public String getSourceExcludesText() {
        return OnePerLine.join(sourceExcludes);
    }

    public @CheckForNull String getS3Bucket() {
        return s3Bucket;
    }

    @DataBoundSetter
    public void setS3Bucket(@CheckForNull String s3Bucket) {
        this.s3Bucket = Util.fixEmptyAndTrim(s3Bucket);
    }

    public @CheckForNull String getS3Prefix() {
        return s3Prefix;
    }

    @DataBoundSetter
    public void setS3Prefix(@CheckForNull String s3Prefix) {
        this.s3Prefix = Util.fixEmptyAndTrim(s3Prefix);
    }

    public @CheckForNull String getSseAlgorithm() {
        return sseAlgorithm;
    }

    @DataBoundSetter
    public void setSseAlgorithm(@CheckForNull String sseAlgorithm) {
        this.sseAlgorithm = Util.fixEmptyAndTrim(sseAlgorithm);
    }

    public @CheckForNull String getSseKmsKeyId() {
        return sseKmsKeyId;
    }

    @DataBoundSetter
    public void setSseKmsKeyId(@CheckForNull String sseKmsKeyId) {
        this.sseKmsKeyId = Util.fixEmptyAndTrim(sseKmsKeyId);
    }

    public @CheckForNull String getFileExistsBehavior() {
        return fileExistsBehavior;
    }

    @DataBoundSetter
    public void setFileExistsBehavior(@CheckForNull String fileExistsBehavior) {
        this.fileExistsBehavior = Util.fixEmptyAndTrim(fileExistsBehavior);
    }

    public boolean isIgnoreApplicationStopFailures() {
        return ignoreApplicationStopFailures;
    }

    @DataBoundSetter
    public void setIgnoreApplicationStopFailures(boolean ignoreApplicationStopFailures) {
        this.ignoreApplicationStopFailures = ignoreApplicationStopFailures;
    }

    public boolean isUpdateOutdatedInstancesOnly() {
        return updateOutdatedInstancesOnly;
    }

    @DataBoundSetter
    public void setUpdateOutdatedInstancesOnly(boolean updateOutdatedInstancesOnly) {
        this.updateOutdatedInstancesOnly = updateOutdatedInstancesOnly;
    }

    public @CheckForNull CodeDeployTargetInstances getTargetInstances() {
        return targetInstances;
    }

    @DataBoundSetter
    public void setTargetInstances(@CheckForNull CodeDeployTargetInstances targetInstances) {
        this.targetInstances = targetInstances;
    }

    public @CheckForNull CodeDeployAutoRollback getAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(@CheckForNull CodeDeployAutoRollback autoRollback) {
        this.autoRollback = autoRollback;
    }

    public @CheckForNull CodeDeployAlarms getAlarms() {
        return alarms;
    }

    @DataBoundSetter
    public void setAlarms(@CheckForNull CodeDeployAlarms alarms) {
        this.alarms = alarms;
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(@CheckForNull String onAbort) {
        this.onAbort = onAbort == null || onAbort.isBlank() ? DEFAULT_ON_ABORT : onAbort.trim();
    }

    public String getOnReady() {
        return onReady;
    }

    @DataBoundSetter
    public void setOnReady(@CheckForNull String onReady) {
        this.onReady = onReady == null || onReady.isBlank() ? DEFAULT_ON_READY : onReady.trim();
    }

    public @CheckForNull String getContinueDeployment() {
        return continueDeployment;
    }

    @DataBoundSetter
    public void setContinueDeployment(@CheckForNull String continueDeployment) {
        this.continueDeployment = Util.fixEmptyAndTrim(continueDeployment);
    }

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(int pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** {@code true}: only report what the step would do (the revision, the deployment configuration and the instances it would target); no change in AWS. */
    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    /** Only a {@code source} is read from the workspace. */
    @Override
    public boolean needsWorkspace() {
        return source != null;
    }

    @Override
    public Operation<CodeDeployCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        BundleSource bundle = null;
        if (source != null) {
            if (!workspace.isPresent()) {
                throw new OperationFailedException("source '" + source + "' needs a workspace: run awsCodeDeploy "
                        + "inside node { }, or deploy a bundle that is already in S3 with s3.");
            }
            bundle = new WorkspaceBundle(workspace, source, sourceExcludes);
        }
        return new CodeDeployOperation(request(env, defaults, bundle), dryRun);
    }

    /** The request, which validates the parameters; {@code bundle} packs {@code source} (null when there is none). */
    private CodeDeployRequest request(Map<String, String> env, AwsDefaults defaults, @CheckForNull BundleSource bundle) {
        CodeDeployRequest.Builder b = new CodeDeployRequest.Builder()
                .environment(env)
                .polling(defaults.polling())
                .application(application)
                .deploymentGroup(deploymentGroup)
                .deploymentConfig(deploymentConfig)
                .description(description)
                .appSpecContent(appSpecContent)
                .source(source, bundle)
                .upload(s3Bucket, s3Prefix, sseAlgorithm, sseKmsKeyId)
                .continueDeployment(continueDeployment)
                .fileExistsBehavior(fileExistsBehavior)
                .ignoreApplicationStopFailures(ignoreApplicationStopFailures)
                .updateOutdatedInstancesOnly(updateOutdatedInstancesOnly)
                .waitForCompletion(waitForCompletion)
                .timeoutMinutes(timeoutMinutes)
                .onAbort(onAbort)
                .onReady(onReady)
                .pollIntervalSeconds(pollIntervalSeconds);
        if (s3 != null) {
            b.s3(s3.getBucket(), s3.getKey(), s3.getBundleType(), s3.getVersion(), s3.geteTag());
        }
        if (gitHub != null) {
            b.gitHub(gitHub.getRepository(), gitHub.getCommitId());
        }
        if (targetInstances != null) {
            b.targetInstances(targetInstances.getAutoScalingGroups(), targetInstances.getTagFilters());
        }
        if (autoRollback != null) {
            b.autoRollback(autoRollback.isEnabled(), autoRollback.getEvents());
        }
        if (alarms != null) {
            b.alarms(alarms.isEnabled(), alarms.getNames(), alarms.isIgnorePollAlarmFailure());
        }
        return b.build();
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Deploy with AWS CodeDeploy";
        }

        @POST
        public FormValidation doCheckApplication(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? required(value, "The CodeDeploy application is required.") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckDeploymentGroup(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? required(value, "The deployment group is required.") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? checkTimeoutMinutes(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckContinueDeployment(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? checkDeploymentId(value) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return choices(item, "Stop it with automatic rollback", "stop", "Leave it running", "leave");
        }

        @POST
        public ListBoxModel doFillOnReadyItems(@AncestorInPath Item item) {
            return choices(item, "Wait until it is continued in AWS", "wait", "Continue it at once", "continue",
                    "Return with status Ready", "return");
        }

        @POST
        public ListBoxModel doFillFileExistsBehaviorItems(@AncestorInPath Item item) {
            return choices(item, "CodeDeploy's default (DISALLOW)", "", "Fail (DISALLOW)", "DISALLOW",
                    "Overwrite (OVERWRITE)", "OVERWRITE", "Keep the existing file (RETAIN)", "RETAIN");
        }

        @POST
        public ListBoxModel doFillSseAlgorithmItems(@AncestorInPath Item item) {
            return choices(item, "The bucket's default", "", "S3 managed keys (AES256)", "AES256", "KMS (aws:kms)", "aws:kms");
        }

        static FormValidation required(@CheckForNull String value, String message) {
            return value == null || value.isBlank() ? FormValidation.error(message) : FormValidation.ok();
        }

        static FormValidation checkTimeoutMinutes(@CheckForNull String value) {
            return value == null || value.isBlank() ? FormValidation.ok()
                    : FormValidation.validateIntegerInRange(value.trim(), 1, 7 * 24 * 60);
        }

        static FormValidation checkDeploymentId(@CheckForNull String value) {
            if (value == null || value.isBlank() || value.trim().matches("d-[A-Z0-9]{9}")) {
                return FormValidation.ok();
            }
            return FormValidation.error("'" + value.trim() + "' is not a CodeDeploy deployment id (d- and 9 letters or digits).");
        }
    }
}
