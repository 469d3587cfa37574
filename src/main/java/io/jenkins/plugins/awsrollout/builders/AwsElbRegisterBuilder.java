package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsElbRegister}: the step's own form, the same engine, waiting on the build's
 * executor. Aborting the build reverts this step's changes (with {@code onAbort: revert}).
 */
public final class AwsElbRegisterBuilder extends AwsBuilder<AwsElbRegisterStep> {

    @DataBoundConstructor
    public AwsElbRegisterBuilder(AwsElbRegisterStep registration) {
        super(registration);
    }

    public AwsElbRegisterStep getRegistration() {
        return step();
    }

    @Extension
    @Symbol("elbRegistration")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "AWS: register targets with (or deregister them from) load balancers and wait";
        }
    }
}
