package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Cursor;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterInput;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterOperation;
import io.jenkins.plugins.awsrollout.engine.elb.ElbRegisterRequest;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import io.jenkins.plugins.awsrollout.steps.ElbRegisterFields;
import io.jenkins.plugins.awsrollout.steps.ElbTarget;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@code awsElbRegister}: the same fields, with {@code instanceIds}, {@code targetGroups} and
 * {@code loadBalancers} as text, one value per line. The build waits on its executor; aborting it reverts this
 * step's changes (with {@code onAbort: revert}).
 */
public final class AwsElbRegisterBuilder extends AwsBuilder {

    private @CheckForNull String action = "register";
    private @CheckForNull String instanceIds;
    private @CheckForNull String autoScalingGroup;
    private @CheckForNull List<ElbTarget> targets;
    private @CheckForNull String targetGroupArn;
    private @CheckForNull String targetGroup;
    private @CheckForNull String targetGroups;
    private @CheckForNull String loadBalancer;
    private @CheckForNull String loadBalancers;
    private @CheckForNull String waitFor;
    private int timeoutMinutes = ElbRegisterRequest.DEFAULT_TIMEOUT_MINUTES;
    private int minHealthyTargets;
    private int minHealthyPercentage;
    private @CheckForNull String onAbort = "revert";

    @DataBoundConstructor
    public AwsElbRegisterBuilder() {}

    @Override
    protected String functionName() {
        return "awsElbRegister";
    }

    @Override
    protected Operation<? extends Cursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
        return new ElbRegisterOperation(ElbRegisterRequest.builder()
                .action(action)
                .instanceIds(lines(instanceIds))
                .autoScalingGroup(autoScalingGroup)
                .targets(targets == null ? null : targets.stream().map(t -> t == null ? null : t.toTarget()).toList())
                .targetGroupArn(targetGroupArn)
                .targetGroup(targetGroup)
                .targetGroups(lines(targetGroups))
                .loadBalancer(loadBalancer)
                .loadBalancers(lines(loadBalancers))
                .waitFor(waitFor)
                .timeoutMinutes(timeoutMinutes)
                .minHealthyTargets(minHealthyTargets)
                .minHealthyPercentage(minHealthyPercentage)
                .onAbort(onAbort)
                .polling(defaults.polling())
                .build());
    }

    /** One value per line; blank lines are ignored. */
    static List<String> lines(@CheckForNull String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public @CheckForNull String getAction() {
        return action;
    }

    @DataBoundSetter
    public void setAction(@CheckForNull String action) {
        this.action = Util.fixEmptyAndTrim(action);
    }

    public @CheckForNull String getInstanceIds() {
        return instanceIds;
    }

    @DataBoundSetter
    public void setInstanceIds(@CheckForNull String instanceIds) {
        this.instanceIds = Util.fixEmptyAndTrim(instanceIds);
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
        this.targets = targets == null || targets.isEmpty() ? null : List.copyOf(targets);
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

    public @CheckForNull String getTargetGroups() {
        return targetGroups;
    }

    @DataBoundSetter
    public void setTargetGroups(@CheckForNull String targetGroups) {
        this.targetGroups = Util.fixEmptyAndTrim(targetGroups);
    }

    public @CheckForNull String getLoadBalancer() {
        return loadBalancer;
    }

    @DataBoundSetter
    public void setLoadBalancer(@CheckForNull String loadBalancer) {
        this.loadBalancer = Util.fixEmptyAndTrim(loadBalancer);
    }

    public @CheckForNull String getLoadBalancers() {
        return loadBalancers;
    }

    @DataBoundSetter
    public void setLoadBalancers(@CheckForNull String loadBalancers) {
        this.loadBalancers = Util.fixEmptyAndTrim(loadBalancers);
    }

    public @CheckForNull String getWaitFor() {
        return waitFor;
    }

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

    @Extension
    @Symbol("elbRegistration")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        public DescriptorImpl() {
            super(AwsElbRegisterStep.class);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "AWS: register targets with (or deregister them from) load balancers and wait";
        }

        @POST
        public ListBoxModel doFillActionItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? ElbRegisterFields.actions() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillWaitForItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? ElbRegisterFields.waits() : new ListBoxModel();
        }

        @POST
        public ListBoxModel doFillOnAbortItems(@AncestorInPath Item item) {
            return mayConfigure(item) ? ElbRegisterFields.onAborts() : new ListBoxModel();
        }

        @POST
        public FormValidation doCheckTargetGroupArn(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? ElbRegisterFields.check(ElbRegisterInput.checkTargetGroupArn(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTargetGroup(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? ElbRegisterFields.check(ElbRegisterInput.checkTargetGroup(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckLoadBalancer(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? ElbRegisterFields.check(ElbRegisterInput.checkLoadBalancer(value)) : FormValidation.ok();
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
