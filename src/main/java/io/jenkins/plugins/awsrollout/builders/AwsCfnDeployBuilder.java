package io.jenkins.plugins.awsrollout.builders;

import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsCfnDeployStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsCfnDeploy}: the step's own form, the same engine, waiting on the build's executor.
 * A template or parameters file is read from the build's workspace (the build step then asks for one).
 */
public final class AwsCfnDeployBuilder extends AwsBuilder<AwsCfnDeployStep> {

    @DataBoundConstructor
    public AwsCfnDeployBuilder(AwsCfnDeployStep deployment) {
        super(deployment);
    }

    public AwsCfnDeployStep getDeployment() {
        return step();
    }

    @Extension
    @Symbol("awsCfnDeployBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Deploy a CloudFormation stack";
        }
    }
}
