package io.jenkins.plugins.awsrollout.builders;

import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsAsgRollout}: the step's own form, the same engine, run on the build's executor.
 * Aborting the build rolls back or cancels in AWS according to {@code onAbort}.
 */
public final class AwsAsgRolloutBuilder extends AwsBuilder<AwsAsgRolloutStep> {

    @DataBoundConstructor
    public AwsAsgRolloutBuilder(AwsAsgRolloutStep rollout) {
        super(rollout);
    }

    public AwsAsgRolloutStep getRollout() {
        return step();
    }

    @Extension
    @Symbol("asgRollout")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Roll a new AMI or launch template version through an Auto Scaling group";
        }
    }
}
