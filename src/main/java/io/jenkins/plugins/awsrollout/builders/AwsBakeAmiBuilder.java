package io.jenkins.plugins.awsrollout.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle form of {@code awsBakeAmi}: the step's own form, the same bake, run on the build's executor. The
 * AMI ids are in the log and on the AMIs' tags.
 */
public final class AwsBakeAmiBuilder extends AwsBuilder<AwsBakeAmiStep> {

    @DataBoundConstructor
    public AwsBakeAmiBuilder(AwsBakeAmiStep bake) {
        super(bake);
    }

    public AwsBakeAmiStep getBake() {
        return step();
    }

    @Extension
    @Symbol("awsBakeAmiBuilder")
    public static final class DescriptorImpl extends AwsBuilderDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Bake an AMI (aws-rollout)";
        }
    }
}
