package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stand-in for jenkins-core {@code hudson.model.Item}: the members the plugin uses. */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
    Permission READ = null;

    String getName();

    String getFullName();

    String getFullDisplayName();
}
