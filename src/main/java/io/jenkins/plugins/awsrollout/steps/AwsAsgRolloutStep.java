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
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutCursor;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutOperation;
import io.jenkins.plugins.awsrollout.engine.asg.AsgRolloutRequest;
import io.jenkins.plugins.awsrollout.engine.asg.OnAbort;
import io.jenkins.plugins.awsrollout.engine.asg.ProtectedInstances;
import io.jenkins.plugins.awsrollout.engine.asg.RolloutStrategy;
import io.jenkins.plugins.awsrollout.engine.asg.StandbyInstances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
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
public final class AwsAsgRolloutStep extends AwsStepBase {

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
    private List<String> checkpoints = new ArrayList<>();
    private int checkpointDelaySeconds = AsgRolloutRequest.DEFAULT_CHECKPOINT_DELAY_SECONDS;
    private boolean skipMatching = true;
    private boolean autoRollback = true;
    private List<String> alarms = new ArrayList<>();
    private List<String> suspendProcesses = new ArrayList<>(AsgRolloutRequest.DEFAULT_SUSPEND_PROCESSES);
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
        this.checkpoints = OnePerLine.split(checkpoints);
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
        this.alarms = OnePerLine.split(alarms);
    }

    public List<String> getSuspendProcesses() {
        return suspendProcesses;
    }

    @DataBoundSetter
    public void setSuspendProcesses(@CheckForNull List<String> suspendProcesses) {
        this.suspendProcesses = OnePerLine.split(suspendProcesses);
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

    /** Percentages, one per line (the form's text). */
    public String getCheckpointsText() {
        return OnePerLine.join(checkpoints);
    }

    /** Alarm names, one per line (the form's text). */
    public String getAlarmsText() {
        return OnePerLine.join(alarms);
    }

    /** Scaling processes, one per line (the form's text). */
    public String getSuspendProcessesText() {
        return OnePerLine.join(suspendProcesses);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Operation<AsgRolloutCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        return new AsgRolloutOperation(request(env), defaults.polling());
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
                .onAbort(onAbort).dryRun(dryRun).buildId(buildId(env))
                .build();
    }

    /** Who asks, for the launch template version's description and idempotency token: {@code folder/job #12}. */
    static String buildId(Map<String, String> env) {
        String job = env.getOrDefault("JOB_NAME", "");
        String number = env.getOrDefault("BUILD_NUMBER", "");
        return (job + (number.isEmpty() ? "" : " #" + number)).trim();
    }

    /**
     * The step's descriptor: its name, and the checks and choices of its own fields ({@code @POST},
     * permission-checked). Every check runs the engine's own validation ({@link AsgRolloutRequest.Builder#build()})
     * on the one field, so the form and the build refuse the same values with the same words.
     */
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
            return mayConfigure(item) ? checkAutoScalingGroup(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckAmi(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? check(b -> b.ami(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLaunchTemplateVersion(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? check(b -> b.launchTemplateVersion(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckBatchSize(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? checkBatchSize(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMinHealthyPercentage(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? checkMinHealthyPercentage(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMaxHealthyPercentage(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String minHealthyPercentage) {
            return mayConfigure(item) ? checkMaxHealthyPercentage(value, minHealthyPercentage) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckHealthCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item)
                    ? number(value, "healthCheckTimeoutMinutes", v -> check(b -> b.healthCheckTimeoutMinutes(v)))
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? checkTimeoutMinutes(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckCheckpoints(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? check(b -> b.checkpoints(OnePerLine.split(List.of(value)))) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckSuspendProcesses(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? check(b -> b.suspendProcesses(OnePerLine.split(List.of(value)))) : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillStrategyItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? items(Arrays.stream(RolloutStrategy.values()).map(RolloutStrategy::parameterValue))
                    : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? items(Arrays.stream(OnAbort.values()).map(OnAbort::parameterValue)) : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillScaleInProtectedInstancesItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? items(Arrays.stream(ProtectedInstances.values()).map(ProtectedInstances::awsValue))
                    : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillStandbyInstancesItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? items(Arrays.stream(StandbyInstances.values()).map(StandbyInstances::awsValue))
                    : new ListBoxModel();
        }

        /** The engine's verdict on a request that differs from a valid one in the checked field only. */
        static FormValidation check(UnaryOperator<AsgRolloutRequest.Builder> field) {
            try {
                field.apply(AsgRolloutRequest.builder("group")).build();
                return FormValidation.ok();
            } catch (OperationFailedException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        static FormValidation checkAutoScalingGroup(@CheckForNull String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.error("Name the Auto Scaling group to roll.");
            }
            return check(b -> AsgRolloutRequest.builder(value));
        }

        /** A batch size only matters to {@code rolling}, so it is checked as one. */
        static FormValidation checkBatchSize(@CheckForNull String value) {
            return check(b -> b.strategy(RolloutStrategy.ROLLING.parameterValue()).batchSize(value));
        }

        static FormValidation checkMinHealthyPercentage(@CheckForNull String value) {
            return number(value, "minHealthyPercentage", v -> check(b -> b.minHealthyPercentage(v)
                    .maxHealthyPercentage(Math.max(100, Math.min(200, v + 100)))));
        }

        static FormValidation checkMaxHealthyPercentage(@CheckForNull String value, @CheckForNull String minHealthyPercentage) {
            int min = parse(minHealthyPercentage, AsgRolloutRequest.DEFAULT_MIN_HEALTHY_PERCENTAGE);
            return number(value, "maxHealthyPercentage", v -> check(b -> b.maxHealthyPercentage(v).minHealthyPercentage(min)));
        }

        static FormValidation checkTimeoutMinutes(@CheckForNull String value) {
            return number(value, "timeoutMinutes", v -> check(b -> b.timeoutMinutes(v)));
        }

        /** Checks a whole-number field; empty is fine (the default applies). */
        private static FormValidation number(@CheckForNull String value, String field, IntFunction<FormValidation> check) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                return check.apply(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                return FormValidation.error("Invalid " + field + ": '" + value + "' is not a whole number.");
            }
        }

        private static int parse(@CheckForNull String value, int fallback) {
            try {
                return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static ListBoxModel items(Stream<String> values) {
            ListBoxModel model = new ListBoxModel();
            values.forEach(v -> model.add(v, v));
            return model;
        }
    }
}
