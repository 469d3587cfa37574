package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutCursor;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutOperation;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutRequest;
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
 * {@code awsAsgRollout}: rolls a new AMI or launch template version through an Auto Scaling group, keeping healthy
 * capacity above a floor, and rolls back on its own when the new version is bad. Returns a map describing the
 * rollout (see {@code docs/steps/awsAsgRollout.md}).
 *
 * <pre>{@code
 * def rollout = awsAsgRollout autoScalingGroup: 'web-prod', ami: bake.amis['us-east-1'], strategy: 'rolling',
 *         minHealthyPercentage: 100, maxHealthyPercentage: 150
 * echo "now on launch template version ${rollout.launchTemplateVersion}"
 * }</pre>
 */
public final class AwsAsgRolloutStep extends AwsStep {

    private static final long serialVersionUID = 1L;
    static final String FUNCTION_NAME = "awsAsgRollout";

    private final String autoScalingGroup;
    private @CheckForNull String ami;
    private @CheckForNull String launchTemplateVersion;
    private String strategy = "instanceRefresh";
    private int minHealthyPercentage = AsgRolloutRequest.DEFAULT_MIN_HEALTHY_PERCENTAGE;
    private int maxHealthyPercentage = AsgRolloutRequest.DEFAULT_MAX_HEALTHY_PERCENTAGE;
    private @CheckForNull String batchSize;
    private @CheckForNull Integer instanceWarmupSeconds;
    private int healthCheckTimeoutMinutes = AsgRolloutRequest.DEFAULT_HEALTH_CHECK_TIMEOUT_MINUTES;
    private List<String> checkpoints = List.of();
    private int checkpointDelaySeconds = AsgRolloutRequest.DEFAULT_CHECKPOINT_DELAY_SECONDS;
    private boolean skipMatching = true;
    private boolean autoRollback = true;
    private List<String> alarms = List.of();
    private List<String> suspendProcesses = AsgRolloutRequest.DEFAULT_SUSPEND_PROCESSES;
    private String scaleInProtectedInstances = "Wait";
    private String standbyInstances = "Wait";
    private @CheckForNull Integer minSize;
    private @CheckForNull Integer maxSize;
    private @CheckForNull Integer desiredCapacity;
    private int timeoutMinutes = AsgRolloutRequest.DEFAULT_TIMEOUT_MINUTES;
    private String onAbort = "rollback";
    private boolean dryRun;

    @DataBoundConstructor
    public AwsAsgRolloutStep(String autoScalingGroup) {
        this.autoScalingGroup = Util.fixEmptyAndTrim(autoScalingGroup);
    }

    public String getAutoScalingGroup() {
        return autoScalingGroup;
    }

    public @CheckForNull String getAmi() {
        return ami;
    }

    @DataBoundSetter
    public void setAmi(@CheckForNull String ami) {
        this.ami = Util.fixEmptyAndTrim(ami);
    }

    public @CheckForNull String getLaunchTemplateVersion() {
        return launchTemplateVersion;
    }

    @DataBoundSetter
    public void setLaunchTemplateVersion(@CheckForNull String launchTemplateVersion) {
        this.launchTemplateVersion = Util.fixEmptyAndTrim(launchTemplateVersion);
    }

    public String getStrategy() {
        return strategy;
    }

    @DataBoundSetter
    public void setStrategy(String strategy) {
        this.strategy = Util.fixNull(strategy).trim();
    }

    public int getMinHealthyPercentage() {
        return minHealthyPercentage;
    }

    @DataBoundSetter
    public void setMinHealthyPercentage(int minHealthyPercentage) {
        this.minHealthyPercentage = minHealthyPercentage;
    }

    public int getMaxHealthyPercentage() {
        return maxHealthyPercentage;
    }

    @DataBoundSetter
    public void setMaxHealthyPercentage(int maxHealthyPercentage) {
        this.maxHealthyPercentage = maxHealthyPercentage;
    }

    public @CheckForNull String getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(@CheckForNull String batchSize) {
        this.batchSize = Util.fixEmptyAndTrim(batchSize);
    }

    public @CheckForNull Integer getInstanceWarmupSeconds() {
        return instanceWarmupSeconds;
    }

    @DataBoundSetter
    public void setInstanceWarmupSeconds(@CheckForNull Integer instanceWarmupSeconds) {
        this.instanceWarmupSeconds = instanceWarmupSeconds;
    }

    public int getHealthCheckTimeoutMinutes() {
        return healthCheckTimeoutMinutes;
    }

    @DataBoundSetter
    public void setHealthCheckTimeoutMinutes(int healthCheckTimeoutMinutes) {
        this.healthCheckTimeoutMinutes = healthCheckTimeoutMinutes;
    }

    public List<String> getCheckpoints() {
        return checkpoints;
    }

    @DataBoundSetter
    public void setCheckpoints(@CheckForNull List<String> checkpoints) {
        this.checkpoints = copy(checkpoints);
    }

    public int getCheckpointDelaySeconds() {
        return checkpointDelaySeconds;
    }

    @DataBoundSetter
    public void setCheckpointDelaySeconds(int checkpointDelaySeconds) {
        this.checkpointDelaySeconds = checkpointDelaySeconds;
    }

    public boolean isSkipMatching() {
        return skipMatching;
    }

    @DataBoundSetter
    public void setSkipMatching(boolean skipMatching) {
        this.skipMatching = skipMatching;
    }

    public boolean isAutoRollback() {
        return autoRollback;
    }

    @DataBoundSetter
    public void setAutoRollback(boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    public List<String> getAlarms() {
        return alarms;
    }

    @DataBoundSetter
    public void setAlarms(@CheckForNull List<String> alarms) {
        this.alarms = copy(alarms);
    }

    public List<String> getSuspendProcesses() {
        return suspendProcesses;
    }

    @DataBoundSetter
    public void setSuspendProcesses(@CheckForNull List<String> suspendProcesses) {
        this.suspendProcesses = copy(suspendProcesses);
    }

    public String getScaleInProtectedInstances() {
        return scaleInProtectedInstances;
    }

    @DataBoundSetter
    public void setScaleInProtectedInstances(String scaleInProtectedInstances) {
        this.scaleInProtectedInstances = Util.fixNull(scaleInProtectedInstances).trim();
    }

    public String getStandbyInstances() {
        return standbyInstances;
    }

    @DataBoundSetter
    public void setStandbyInstances(String standbyInstances) {
        this.standbyInstances = Util.fixNull(standbyInstances).trim();
    }

    public @CheckForNull Integer getMinSize() {
        return minSize;
    }

    @DataBoundSetter
    public void setMinSize(@CheckForNull Integer minSize) {
        this.minSize = minSize;
    }

    public @CheckForNull Integer getMaxSize() {
        return maxSize;
    }

    @DataBoundSetter
    public void setMaxSize(@CheckForNull Integer maxSize) {
        this.maxSize = maxSize;
    }

    public @CheckForNull Integer getDesiredCapacity() {
        return desiredCapacity;
    }

    @DataBoundSetter
    public void setDesiredCapacity(@CheckForNull Integer desiredCapacity) {
        this.desiredCapacity = desiredCapacity;
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
    public void setOnAbort(String onAbort) {
        this.onAbort = Util.fixNull(onAbort).trim();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** The engine request for these parameters; a bad value fails naming the field and the value. */
    AsgRolloutRequest request(Map<String, String> env) {
        return AsgRolloutRequest.builder(autoScalingGroup)
                .ami(ami).launchTemplateVersion(launchTemplateVersion).strategy(strategy)
                .minHealthyPercentage(minHealthyPercentage).maxHealthyPercentage(maxHealthyPercentage).batchSize(batchSize)
                .instanceWarmupSeconds(instanceWarmupSeconds).healthCheckTimeoutMinutes(healthCheckTimeoutMinutes)
                .checkpoints(checkpoints).checkpointDelaySeconds(checkpointDelaySeconds).skipMatching(skipMatching)
                .autoRollback(autoRollback).alarms(alarms).suspendProcesses(suspendProcesses)
                .scaleInProtectedInstances(scaleInProtectedInstances).standbyInstances(standbyInstances)
                .minSize(minSize).maxSize(maxSize).desiredCapacity(desiredCapacity).timeoutMinutes(timeoutMinutes)
                .onAbort(onAbort).dryRun(dryRun).buildId(AsgRolloutFields.buildId(env))
                .build();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static List<String> copy(@CheckForNull List<String> values) {
        return values == null ? List.of() : List.copyOf(new ArrayList<>(values).stream().map(String::valueOf).toList());
    }

    /** The durable execution: the engine operation driven tick by tick, persisted with the build. */
    static final class Execution extends OperationExecution<AsgRolloutCursor> {

        private static final long serialVersionUID = 1L;
        private final AwsAsgRolloutStep step;

        Execution(StepContext context, AwsAsgRolloutStep step) {
            super(context, FUNCTION_NAME, step.connection());
            this.step = step;
        }

        @Override
        protected Operation<AsgRolloutCursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            return new AsgRolloutOperation(step.request(env), defaults.polling());
        }
    }

    /** The step's descriptor: its name, and the checks of its own fields ({@code @POST}, permission-checked). */
    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Roll a new AMI or launch template version through an Auto Scaling group";
        }

        @POST
        public FormValidation doCheckAutoScalingGroup(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkAutoScalingGroup(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAmi(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkAmi(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLaunchTemplateVersion(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkLaunchTemplateVersion(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBatchSize(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String strategy) {
            return mayConfigure(item) ? AsgRolloutFields.checkBatchSize(value, strategy) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMinHealthyPercentage(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkMinHealthyPercentage(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxHealthyPercentage(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String minHealthyPercentage) {
            return mayConfigure(item) ? AsgRolloutFields.checkMaxHealthyPercentage(value, minHealthyPercentage) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckHealthCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkHealthCheckTimeoutMinutes(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? AsgRolloutFields.checkTimeoutMinutes(value) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillStrategyItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AsgRolloutFields.strategies() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AsgRolloutFields.onAbortChoices() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillScaleInProtectedInstancesItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AsgRolloutFields.protectedInstancesChoices() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillStandbyInstancesItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? AsgRolloutFields.standbyInstancesChoices() : new ListBoxModel();
        }
    }
}
