package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.FilePath;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
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
public class AwsCodeDeployStep extends AwsStep implements CodeDeployFields {

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
    private boolean failOnError = true;
    private int pollIntervalSeconds = 0;

    @DataBoundConstructor
    public AwsCodeDeployStep(String application, String deploymentGroup) {
        this.application = Util.fixEmptyAndTrim(application);
        this.deploymentGroup = Util.fixEmptyAndTrim(deploymentGroup);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
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

    public List<String> getSourceExcludes() {
        return sourceExcludes;
    }

    @DataBoundSetter
    public void setSourceExcludes(@CheckForNull List<String> sourceExcludes) {
        this.sourceExcludes = sourceExcludes == null ? new ArrayList<>() : new ArrayList<>(sourceExcludes);
    }

    @Override
    public List<String> excludePatterns() {
        return CodeDeployFields.lines(sourceExcludes);
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
        this.onAbort = onAbort == null || onAbort.isBlank() ? DEFAULT_ON_ABORT : onAbort.trim();
    }

    @Override
    public String getOnReady() {
        return onReady;
    }

    @DataBoundSetter
    public void setOnReady(@CheckForNull String onReady) {
        this.onReady = onReady == null || onReady.isBlank() ? DEFAULT_ON_READY : onReady.trim();
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

    /** Runs the deployment through the durable driver; only the {@code source} packing needs the workspace. */
    static final class Execution extends OperationExecution<CodeDeployCursor> {

        private static final long serialVersionUID = 1L;

        private final AwsCodeDeployStep step;

        Execution(StepContext context, AwsCodeDeployStep step) {
            super(context, FUNCTION_NAME, step.connection());
            this.step = step;
        }

        @Override
        protected Operation<CodeDeployCursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            BundleSource bundle = null;
            if (step.getSource() != null) {
                requireWorkspace();
                bundle = WorkspaceBundle.inPipeline(getContext(), step.getSource(), step.excludePatterns());
            }
            return new CodeDeployOperation(step.request(env, defaults, bundle));
        }

        private void requireWorkspace() {
            FilePath workspace;
            try {
                workspace = getContext().get(FilePath.class);
            } catch (IOException e) {
                workspace = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("Interrupted while looking for the workspace.", e);
            }
            if (workspace == null) {
                throw new OperationFailedException("source '" + step.getSource() + "' needs a workspace: run awsCodeDeploy "
                        + "inside node { }, or deploy a bundle that is already in S3 with s3.");
            }
        }
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
