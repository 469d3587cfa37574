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
 * {@code awsCodeDeploy(autoRollback: [events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']])}: this deployment's
 * automatic rollback instead of the deployment group's; {@code [enabled: false]} turns it off.
 */
public final class CodeDeployAutoRollback implements Describable<CodeDeployAutoRollback>, Serializable {

    private static final long serialVersionUID = 1L;

    private boolean enabled = true;
    private List<String> events = new ArrayList<>();

    @DataBoundConstructor
    public CodeDeployAutoRollback() {}

    public boolean isEnabled() {
        return enabled;
    }

    @DataBoundSetter
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getEvents() {
        return events;
    }

    @DataBoundSetter
    public void setEvents(@CheckForNull List<String> events) {
        this.events = OnePerLine.split(events);
    }

    /** Events, one per line (the form's text). */
    public String getEventsText() {
        return OnePerLine.join(events);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<CodeDeployAutoRollback> {
        @Override
        public String getDisplayName() {
            return "Automatic rollback";
        }
    }
}
