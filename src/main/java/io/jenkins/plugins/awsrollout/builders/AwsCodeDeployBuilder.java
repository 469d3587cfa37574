package io.jenkins.plugins.awsrollout.builders;

import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsCodeDeploy}: the step's own form, the same engine, waiting on the build's
 * executor. A {@code source} is packed from the build's workspace, where that workspace is (the build step then
 * asks for a workspace); the upload happens on the controller.
 */
public final class AwsCodeDeployBuilder extends AwsBuilder<AwsCodeDeployStep> {

    @DataBoundConstructor
    public AwsCodeDeployBuilder(AwsCodeDeployStep deployment) {
        super(deployment);
    }

    public AwsCodeDeployStep getDeployment() {
        return step();
    }

    @Extension
    @Symbol("awsCodeDeployBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Deploy with AWS CodeDeploy";
        }
    }
}
