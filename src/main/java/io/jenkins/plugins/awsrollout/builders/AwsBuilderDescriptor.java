package io.jenkins.plugins.awsrollout.builders;

import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;

/**
 * The descriptor of an {@link AwsBuilder}: usable in every job type. The builder's only field is its step, whose
 * descriptor answers the form's checks, fills and help.
 */
public abstract class AwsBuilderDescriptor extends BuildStepDescriptor<Builder> {

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }
}
