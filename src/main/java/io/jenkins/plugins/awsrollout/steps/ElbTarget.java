package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.awsrollout.engine.elb.Target;
import java.io.Serializable;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One entry of {@code awsElbRegister}'s {@code targets}: {@code [id: '10.0.3.7', port: 8080, availabilityZone: 'all']}.
 * For IP targets, and for instances on a port other than the target group's.
 */
public final class ElbTarget implements Describable<ElbTarget>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private int port;
    private @CheckForNull String availabilityZone;

    @DataBoundConstructor
    public ElbTarget(String id) {
        this.id = Util.fixEmptyAndTrim(id);
    }

    public String getId() {
        return id;
    }

    /** 0: the target group's port. */
    public int getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    public @CheckForNull String getAvailabilityZone() {
        return availabilityZone;
    }

    @DataBoundSetter
    public void setAvailabilityZone(@CheckForNull String availabilityZone) {
        this.availabilityZone = Util.fixEmptyAndTrim(availabilityZone);
    }

    /** The engine's view; the request validates it. */
    Target toTarget() {
        return new Target(id, port == 0 ? null : port, availabilityZone);
    }

    static @CheckForNull List<Target> toTargets(@CheckForNull List<ElbTarget> targets) {
        return targets == null ? null : targets.stream().map(t -> t == null ? null : t.toTarget()).toList();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ElbTarget> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Target";
        }
    }
}
