package hudson.model;

import hudson.ExtensionPoint;

/**
 * Stand-in for jenkins-core {@code hudson.model.AdministrativeMonitor}: the members the plugin uses. The real one
 * extends {@code AbstractModelObject} (a {@link ModelObject}) and implements {@code StaplerProxy}; only
 * {@link ModelObject} is kept.
 */
public abstract class AdministrativeMonitor implements ExtensionPoint, ModelObject {

    public final String id;

    protected AdministrativeMonitor(String id) {
        this.id = id;
    }

    protected AdministrativeMonitor() {
        this.id = this.getClass().getName();
    }

    @Override
    public String getDisplayName() {
        return id;
    }

    public abstract boolean isActivated();
}
