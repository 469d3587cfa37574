package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployCursor;
import io.jenkins.plugins.awsrollout.engine.codedeploy.CodeDeployOperation;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import io.jenkins.plugins.awsrollout.steps.CodeDeployAlarms;
import io.jenkins.plugins.awsrollout.steps.CodeDeployAutoRollback;
import io.jenkins.plugins.awsrollout.steps.CodeDeployFields;
import io.jenkins.plugins.awsrollout.steps.CodeDeployForm;
import io.jenkins.plugins.awsrollout.steps.CodeDeployGitHubLocation;
import io.jenkins.plugins.awsrollout.steps.CodeDeployS3Location;
import io.jenkins.plugins.awsrollout.steps.CodeDeployTargetInstances;
import io.jenkins.plugins.awsrollout.steps.JenkinsStepRuntime;
import io.jenkins.plugins.awsrollout.steps.StepRuntime;
import io.jenkins.plugins.awsrollout.steps.WorkspaceBundle;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@code awsCodeDeploy}: the same fields, the same engine, waiting on the build's executor.
 * {@code source} is packed from the build's workspace, where that workspace is; the upload happens here, on the
 * controller.
 */
public class AwsCodeDeployBuilder extends AwsBuilder implements CodeDeployFields {

    private final String application;
    private final String deploymentGroup;
    private @CheckForNull String deploymentConfig;
    private @CheckForNull String description;
    private @CheckForNull CodeDeployS3Location s3;
    private @CheckForNull CodeDeployGitHubLocation gitHub;
    private @CheckForNull String appSpecContent;
    private @CheckForNull String source;
    private @CheckForNull String sourceExcludes;
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
    private int timeoutMinutes = 60;
    private String onAbort = "stop";
    private String onReady = "wait";
    private @CheckForNull String continueDeployment;
    private boolean failOnError = true;
    private int pollIntervalSeconds = 0;

    @DataBoundConstructor
    public AwsCodeDeployBuilder(String application, String deploymentGroup) {
        this.application = Util.fixEmptyAndTrim(application);
        this.deploymentGroup = Util.fixEmptyAndTrim(deploymentGroup);
    }

    @Override
    protected String functionName() {
        return "awsCodeDeploy";
    }

    /** Only {@code source} needs the workspace. */
    @Override
    public boolean requiresWorkspace() {
        return getSource() != null;
    }

    @Override
    protected Operation<CodeDeployCursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
        return operation(env, defaults, null);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        perform(JenkinsStepRuntime.get(), run, null, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        perform(JenkinsStepRuntime.get(), run, workspace, env, listener);
    }

    /** Runs the deployment to its end; bad input fails the build with its sentence before any AWS call. */
    Map<String, Object> perform(StepRuntime runtime, @CheckForNull Run<?, ?> run, @CheckForNull FilePath workspace,
            Map<String, String> env, TaskListener listener) throws InterruptedException, IOException {
        Operation<CodeDeployCursor> operation;
        try {
            operation = operation(env, runtime.defaults(), workspace);
        } catch (OperationFailedException e) {
            listener.getLogger().println("[" + functionName() + "] " + e.getMessage());
            throw new AbortException(e.getMessage());
        }
        return new BlockingOperation<>(functionName(), operation, connection()).run(runtime, run, env, listener);
    }

    private Operation<CodeDeployCursor> operation(Map<String, String> env, AwsDefaults defaults, @CheckForNull FilePath workspace) {
        WorkspaceBundle bundle = null;
        if (getSource() != null) {
            if (workspace == null) {
                throw new OperationFailedException("source '" + getSource() + "' needs the build's workspace.");
            }
            bundle = WorkspaceBundle.inWorkspace(workspace, getSource(), excludePatterns());
        }
        return new CodeDeployOperation(request(env, defaults, bundle));
    }

    @Override
    public String getApplication() {
        return application;
    }

    @Override
    public String getDeploymentGroup() {
        return deploymentGroup;
    }

    @Override
    public @CheckForNull String getDeploymentConfig() {
        return deploymentConfig;
    }

    @DataBoundSetter
    public void setDeploymentConfig(@CheckForNull String deploymentConfig) {
        this.deploymentConfig = Util.fixEmptyAndTrim(deploymentConfig);
    }

    @Override
    public @CheckForNull String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(@CheckForNull String description) {
        this.description = Util.fixEmptyAndTrim(description);
    }

    @Override
    public @CheckForNull CodeDeployS3Location getS3() {
        return s3;
    }

    @DataBoundSetter
    public void setS3(@CheckForNull CodeDeployS3Location s3) {
        this.s3 = s3;
    }

    @Override
    public @CheckForNull CodeDeployGitHubLocation getGitHub() {
        return gitHub;
    }

    @DataBoundSetter
    public void setGitHub(@CheckForNull CodeDeployGitHubLocation gitHub) {
        this.gitHub = gitHub;
    }

    @Override
    public @CheckForNull String getAppSpecContent() {
        return appSpecContent;
    }

    @DataBoundSetter
    public void setAppSpecContent(@CheckForNull String appSpecContent) {
        this.appSpecContent = Util.fixEmpty(appSpecContent);
    }

    @Override
    public @CheckForNull String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(@CheckForNull String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    /** One pattern per line. */
    public @CheckForNull String getSourceExcludes() {
        return sourceExcludes;
    }

    @DataBoundSetter
    public void setSourceExcludes(@CheckForNull String sourceExcludes) {
        this.sourceExcludes = Util.fixEmptyAndTrim(sourceExcludes);
    }

    @Override
    public List<String> excludePatterns() {
        return CodeDeployFields.lines(sourceExcludes == null ? List.of() : List.of(sourceExcludes));
    }

    @Override
    public @CheckForNull String getS3Bucket() {
        return s3Bucket;
    }

    @DataBoundSetter
    public void setS3Bucket(@CheckForNull String s3Bucket) {
        this.s3Bucket = Util.fixEmptyAndTrim(s3Bucket);
    }

    @Override
    public @CheckForNull String getS3Prefix() {
        return s3Prefix;
    }

    @DataBoundSetter
    public void setS3Prefix(@CheckForNull String s3Prefix) {
        this.s3Prefix = Util.fixEmptyAndTrim(s3Prefix);
    }

    @Override
    public @CheckForNull String getSseAlgorithm() {
        return sseAlgorithm;
    }

    @DataBoundSetter
    public void setSseAlgorithm(@CheckForNull String sseAlgorithm) {
        this.sseAlgorithm = Util.fixEmptyAndTrim(sseAlgorithm);
    }

    @Override
    public @CheckForNull String getSseKmsKeyId() {
        return sseKmsKeyId;
    }

    @DataBoundSetter
    public void setSseKmsKeyId(@CheckForNull String sseKmsKeyId) {
        this.sseKmsKeyId = Util.fixEmptyAndTrim(sseKmsKeyId);
    }

    @Override
    public @CheckForNull String getFileExistsBehavior() {
        return fileExistsBehavior;
    }

    @DataBoundSetter
    public void setFileExistsBehavior(@CheckForNull String fileExistsBehavior) {
        this.fileExistsBehavior = Util.fixEmptyAndTrim(fileExistsBehavior);
    }

    @Override
    public boolean isIgnoreApplicationStopFailures() {
        return ignoreApplicationStopFailures;
    }

    @DataBoundSetter
    public void setIgnoreApplicationStopFailures(boolean ignoreApplicationStopFailures) {
        this.ignoreApplicationStopFailures = ignoreApplicationStopFailures;
    }

    @Override
    public boolean isUpdateOutdatedInstancesOnly() {
        return updateOutdatedInstancesOnly;
    }

    @DataBoundSetter
    public void setUpdateOutdatedInstancesOnly(boolean updateOutdatedInstancesOnly) {
        this.updateOutdatedInstancesOnly = updateOutdatedInstancesOnly;
    }

    @Override
    public @CheckForNull CodeDeployTargetInstances getTargetInstances() {
        return targetInstances;
    }

    @DataBoundSetter
    public void setTargetInstances(@CheckForNull CodeDeployTargetInstances targetInstances) {
        this.targetInstances = targetInstances;
    }

    @Override
    public @CheckForNull CodeDeployAutoRollback getAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(@CheckForNull CodeDeployAutoRollback autoRollback) {
        this.autoRollback = autoRollback;
    }

    @Override
    public @CheckForNull CodeDeployAlarms getAlarms() {
        return alarms;
    }

    @DataBoundSetter
    public void setAlarms(@CheckForNull CodeDeployAlarms alarms) {
        this.alarms = alarms;
    }

    @Override
    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    @DataBoundSetter
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    @Override
    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    @Override
    public String getOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(@CheckForNull String onAbort) {
        this.onAbort = onAbort == null || onAbort.isBlank() ? "stop" : onAbort.trim();
    }

    @Override
    public String getOnReady() {
        return onReady;
    }

    @DataBoundSetter
    public void setOnReady(@CheckForNull String onReady) {
        this.onReady = onReady == null || onReady.isBlank() ? "wait" : onReady.trim();
    }

    @Override
    public @CheckForNull String getContinueDeployment() {
        return continueDeployment;
    }

    @DataBoundSetter
    public void setContinueDeployment(@CheckForNull String continueDeployment) {
        this.continueDeployment = Util.fixEmptyAndTrim(continueDeployment);
    }

    @Override
    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    @DataBoundSetter
    public void setPollIntervalSeconds(int pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    @Extension
    @Symbol("awsCodeDeployBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        public DescriptorImpl() {
            super(AwsCodeDeployStep.class);
        }

        @Override
        public String getDisplayName() {
            return "Deploy with AWS CodeDeploy";
        }

        @POST
        public FormValidation doCheckApplication(@AncestorInPath Item item, @QueryParameter String value) {
            return CodeDeployForm.required(item, value, "The CodeDeploy application is required.");
        }

        @POST
        public FormValidation doCheckDeploymentGroup(@AncestorInPath Item item, @QueryParameter String value) {
            return CodeDeployForm.required(item, value, "The deployment group is required.");
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return CodeDeployForm.timeoutMinutes(item, value);
        }

        @POST
        public FormValidation doCheckContinueDeployment(@AncestorInPath Item item, @QueryParameter String value) {
            return CodeDeployForm.deploymentId(item, value);
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return CodeDeployForm.onAbortItems(item);
        }

        @POST
        public ListBoxModel doFillOnReadyItems(@AncestorInPath Item item) {
            return CodeDeployForm.onReadyItems(item);
        }

        @POST
        public ListBoxModel doFillFileExistsBehaviorItems(@AncestorInPath Item item) {
            return CodeDeployForm.fileExistsBehaviorItems(item);
        }

        @POST
        public ListBoxModel doFillSseAlgorithmItems(@AncestorInPath Item item) {
            return CodeDeployForm.sseAlgorithmItems(item);
        }
    }
}
