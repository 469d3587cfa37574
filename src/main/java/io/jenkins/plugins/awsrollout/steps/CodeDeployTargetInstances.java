package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code awsCodeDeploy(targetInstances: [autoScalingGroups: ['web-green']])}: the replacement instances of a blue/green
 * deployment, by Auto Scaling group or by EC2 tag ({@code Key=Value}, {@code Key} or {@code =Value}).
 */
public final class CodeDeployTargetInstances implements Describable<CodeDeployTargetInstances>, Serializable {

    private static final long serialVersionUID = 1L;

    private List<String> autoScalingGroups = new ArrayList<>();
    private List<String> tagFilters = new ArrayList<>();

    @DataBoundConstructor
    public CodeDeployTargetInstances() {}

    public List<String> getAutoScalingGroups() {
        return autoScalingGroups;
    }

    @DataBoundSetter
    public void setAutoScalingGroups(@CheckForNull List<String> autoScalingGroups) {
        this.autoScalingGroups = OnePerLine.split(autoScalingGroups);
    }

    /** Auto Scaling group names, one per line (the form's text). */
    public String getAutoScalingGroupsText() {
        return OnePerLine.join(autoScalingGroups);
    }

    public List<String> getTagFilters() {
        return tagFilters;
    }

    @DataBoundSetter
    public void setTagFilters(@CheckForNull List<String> tagFilters) {
        this.tagFilters = OnePerLine.split(tagFilters);
    }

    /** Tag filters, one per line (the form's text). */
    public String getTagFiltersText() {
        return OnePerLine.join(tagFilters);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodeDeployTargetInstances> {
        @Override
        public String getDisplayName() {
            return "Replacement instances";
        }
    }
}
