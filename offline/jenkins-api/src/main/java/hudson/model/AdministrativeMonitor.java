package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in for jenkins-core {@code hudson.model.AdministrativeMonitor}: the members the plugin uses. */
public abstract class AdministrativeMonitor implements ExtensionPoint {

    public final String id;

    protected AdministrativeMonitor(String id) {
        this.id = id;
    }

    protected AdministrativeMonitor() {
        this.id = this.getClass().getName();
    }

    public String getDisplayName() {
        return id;
    }

    public abstract boolean isActivated();
}
