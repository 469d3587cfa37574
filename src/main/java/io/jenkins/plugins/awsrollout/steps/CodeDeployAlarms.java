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
 * {@code awsCodeDeploy(alarms: [names: ['web-5xx']])}: the CloudWatch alarms that stop this deployment, instead of
 * the deployment group's; {@code [enabled: false]} turns the group's off for this deployment.
 */
public final class CodeDeployAlarms implements Describable<CodeDeployAlarms>, Serializable {

    private static final long serialVersionUID = 1L;

    private boolean enabled = true;
    private List<String> names = new ArrayList<>();
    private boolean ignorePollAlarmFailure;

    @DataBoundConstructor
    public CodeDeployAlarms() {}

    public boolean isEnabled() {
        return enabled;
    }

    @DataBoundSetter
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getNames() {
        return names;
    }

    @DataBoundSetter
    public void setNames(@CheckForNull List<String> names) {
        this.names = OnePerLine.split(names);
    }

    /** Alarm names, one per line (the form's text). */
    public String getNamesText() {
        return OnePerLine.join(names);
    }

    public boolean isIgnorePollAlarmFailure() {
        return ignorePollAlarmFailure;
    }

    @DataBoundSetter
    public void setIgnorePollAlarmFailure(boolean ignorePollAlarmFailure) {
        this.ignorePollAlarmFailure = ignorePollAlarmFailure;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodeDeployAlarms> {
        @Override
        public String getDisplayName() {
            return "Alarms";
        }
    }
}
