package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.elb.ElbAction;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterCursor;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterInput;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterOperation;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterRequest;
import io.jenkins.plugins.awsrollout.engine.elb.OnAbort;
import io.jenkins.plugins.awsrollout.engine.elb.WaitFor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code awsElbRegister}: registers instances or IP targets with ELBv2 target groups and classic load balancers (or
 * deregisters them), then waits until they are healthy (or drained), logging each target's state changes with AWS's
 * reason codes.
 *
 * <pre>{@code
 * awsElbRegister action: 'deregister', instanceIds: ['i-0abc'], targetGroup: 'web-tg', minHealthyTargets: 2
 * def r = awsElbRegister instanceIds: ['i-0abc'], targetGroup: 'web-tg'   // waits until healthy
 * }</pre>
 */
public final class AwsElbRegisterStep extends AwsStepBase {

    private static final long serialVersionUID = 1L;
    static final String FUNCTION_NAME = "awsElbRegister";

    private @CheckForNull String action = "register";
    private @CheckForNull List<String> instanceIds;
    private @CheckForNull String autoScalingGroup;
    private @CheckForNull List<ElbTarget> targets;
    private @CheckForNull String targetGroupArn;
    private @CheckForNull String targetGroup;
    private @CheckForNull List<String> targetGroups;
    private @CheckForNull String loadBalancer;
    private @CheckForNull List<String> loadBalancers;
    private @CheckForNull String waitFor;
    private int timeoutMinutes = ElbRegisterRequest.DEFAULT_TIMEOUT_MINUTES;
    private int minHealthyTargets;
    private int minHealthyPercentage;
    private @CheckForNull String onAbort = "revert";
    private boolean dryRun;

    /** Every parameter is optional on its own; the request says which combinations make sense. */
    @DataBoundConstructor
    public AwsElbRegisterStep() {}

    public @CheckForNull String getAction() {
        return action;
    }

    @DataBoundSetter
    public void setAction(@CheckForNull String action) {
        this.action = Util.fixEmptyAndTrim(action);
    }

    public @CheckForNull List<String> getInstanceIds() {
        return instanceIds;
    }

    @DataBoundSetter
    public void setInstanceIds(@CheckForNull List<String> instanceIds) {
        this.instanceIds = orNull(OnePerLine.split(instanceIds));
    }

    /** Instance ids, one per line (the form's text). */
    public String getInstanceIdsText() {
        return OnePerLine.join(instanceIds);
    }

    public @CheckForNull String getAutoScalingGroup() {
        return autoScalingGroup;
    }

    @DataBoundSetter
    public void setAutoScalingGroup(@CheckForNull String autoScalingGroup) {
        this.autoScalingGroup = Util.fixEmptyAndTrim(autoScalingGroup);
    }

    public @CheckForNull List<ElbTarget> getTargets() {
        return targets;
    }

    @DataBoundSetter
    public void setTargets(@CheckForNull List<ElbTarget> targets) {
        this.targets = targets == null || targets.isEmpty() ? null : new ArrayList<>(targets);
    }

    public @CheckForNull String getTargetGroupArn() {
        return targetGroupArn;
    }

    @DataBoundSetter
    public void setTargetGroupArn(@CheckForNull String targetGroupArn) {
        this.targetGroupArn = Util.fixEmptyAndTrim(targetGroupArn);
    }

    public @CheckForNull String getTargetGroup() {
        return targetGroup;
    }

    @DataBoundSetter
    public void setTargetGroup(@CheckForNull String targetGroup) {
        this.targetGroup = Util.fixEmptyAndTrim(targetGroup);
    }

    public @CheckForNull List<String> getTargetGroups() {
        return targetGroups;
    }

    @DataBoundSetter
    public void setTargetGroups(@CheckForNull List<String> targetGroups) {
        this.targetGroups = orNull(OnePerLine.split(targetGroups));
    }

    /** Target groups, one per line (the form's text). */
    public String getTargetGroupsText() {
        return OnePerLine.join(targetGroups);
    }

    public @CheckForNull String getLoadBalancer() {
        return loadBalancer;
    }

    @DataBoundSetter
    public void setLoadBalancer(@CheckForNull String loadBalancer) {
        this.loadBalancer = Util.fixEmptyAndTrim(loadBalancer);
    }

    public @CheckForNull List<String> getLoadBalancers() {
        return loadBalancers;
    }

    @DataBoundSetter
    public void setLoadBalancers(@CheckForNull List<String> loadBalancers) {
        this.loadBalancers = orNull(OnePerLine.split(loadBalancers));
    }

    /** Classic load balancers, one per line (the form's text). */
    public String getLoadBalancersText() {
        return OnePerLine.join(loadBalancers);
    }

    public @CheckForNull String getWaitFor() {
        return waitFor;
    }

    /** Empty: {@code healthy} for a registration, {@code drained} for a deregistration. */
    @DataBoundSetter
    public void setWaitFor(@CheckForNull String waitFor) {
        this.waitFor = Util.fixEmptyAndTrim(waitFor);
    }

    public int getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public int getMinHealthyTargets() {
        return minHealthyTargets;
    }

    @DataBoundSetter
    public void setMinHealthyTargets(int minHealthyTargets) {
        this.minHealthyTargets = minHealthyTargets;
    }

    public int getMinHealthyPercentage() {
        return minHealthyPercentage;
    }

    @DataBoundSetter
    public void setMinHealthyPercentage(int minHealthyPercentage) {
        this.minHealthyPercentage = minHealthyPercentage;
    }

    public @CheckForNull String getOnAbort() {
        return onAbort;
    }

    @DataBoundSetter
    public void setOnAbort(@CheckForNull String onAbort) {
        this.onAbort = Util.fixEmptyAndTrim(onAbort);
    }

    /** Empty lists are kept as null, as when the parameter is not given. */
    private static @CheckForNull List<String> orNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** {@code true}: only report what the step would do (the registration diff and the guard's verdict); no change in AWS. */
    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Operation<ElbRegisterCursor> operation(Map<String, String> env, AwsDefaults defaults, StepWorkspace workspace) {
        return new ElbRegisterOperation(request(defaults), dryRun);
    }

    /** The validated request; throws {@code OperationFailedException} naming the bad field and value. */
    ElbRegisterRequest request(AwsDefaults defaults) {
        return ElbRegisterRequest.builder()
                .action(action)
                .instanceIds(instanceIds)
                .autoScalingGroup(autoScalingGroup)
                .targets(ElbTarget.toTargets(targets))
                .targetGroupArn(targetGroupArn)
                .targetGroup(targetGroup)
                .targetGroups(targetGroups)
                .loadBalancer(loadBalancer)
                .loadBalancers(loadBalancers)
                .waitFor(waitFor)
                .timeoutMinutes(timeoutMinutes)
                .minHealthyTargets(minHealthyTargets)
                .minHealthyPercentage(minHealthyPercentage)
                .onAbort(onAbort)
                .polling(defaults.polling())
                .build();
    }

    @Extension
    public static final class DescriptorImpl extends AwsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Register targets with (or deregister them from) AWS load balancers and wait";
        }

        @POST
        public ListBoxModel doFillActionItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (mayConfigure(item)) {
                items.add("Register", ElbAction.REGISTER.parameterValue());
                items.add("Deregister", ElbAction.DEREGISTER.parameterValue());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillWaitForItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (mayConfigure(item)) {
                items.add("Default (healthy for register, drained for deregister)", "");
                items.add("Healthy", WaitFor.HEALTHY.parameterValue());
                items.add("Drained", WaitFor.DRAINED.parameterValue());
                items.add("No wait", WaitFor.NONE.parameterValue());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            ListBoxModel items = new ListBoxModel();
            if (mayConfigure(item)) {
                items.add("Revert this step's changes", OnAbort.REVERT.parameterValue());
                items.add("Leave them", OnAbort.LEAVE.parameterValue());
            }
            return items;
        }

        @POST
        public FormValidation doCheckTargetGroupArn(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(ElbRegisterInput.checkTargetGroupArn(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTargetGroup(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(ElbRegisterInput.checkTargetGroup(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLoadBalancer(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? problem(ElbRegisterInput.checkLoadBalancer(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTimeoutMinutes(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item)
                    ? FormValidation.validateIntegerInRange(value, 1, ElbRegisterRequest.MAX_TIMEOUT_MINUTES)
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMinHealthyTargets(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? FormValidation.validateIntegerInRange(value, 0, 10_000) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckMinHealthyPercentage(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? FormValidation.validateIntegerInRange(value, 0, 100) : FormValidation.ok();
        }
    }
}
