package io.jenkins.plugins.awsrollout.builders;

import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsCodePipelineStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsCodePipeline}: the step's own form, the same engine, waiting on the build's executor
 * until the execution ends (or waits at an approval, with {@code approvals: 'input'}).
 */
public final class AwsCodePipelineBuilder extends AwsBuilder<AwsCodePipelineStep> {

    @DataBoundConstructor
    public AwsCodePipelineBuilder(AwsCodePipelineStep release) {
        super(release);
    }

    public AwsCodePipelineStep getRelease() {
        return step();
    }

    @Extension
    @Symbol("awsCodePipelineBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @Override
        public String getDisplayName() {
            return "Release with AWS CodePipeline";
        }
    }
}
