package io.jenkins.plugins.awsrollout.sim.autoscaling;

import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;

/**
 * What a group launches from: a launch template (id or name, and version as given, possibly
 * {@code $Latest}/{@code $Default}), a mixed instances policy, or a legacy launch configuration.
 */
public record LaunchSource(LaunchTemplateSpecification launchTemplate, MixedInstancesPolicy mixedInstancesPolicy,
        String launchConfigurationName) {

    /** The launch template this source uses, directly or through its mixed instances policy. */
    public LaunchTemplateSpecification template() {
        if (launchTemplate != null) {
            return launchTemplate;
        }
        if (mixedInstancesPolicy != null && mixedInstancesPolicy.launchTemplate() != null) {
            return mixedInstancesPolicy.launchTemplate().launchTemplateSpecification();
        }
        return null;
    }

    /** True when the version floats ($Latest, $Default or none): such a configuration cannot be rolled back to. */
    public boolean floatingVersion() {
        LaunchTemplateSpecification t = template();
        return t != null && (t.version() == null || t.version().startsWith("$"));
    }
}
