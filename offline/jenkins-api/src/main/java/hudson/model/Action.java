package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stand-in for jenkins-core {@code hudson.model.Action}: the members the plugin uses. */
public interface Action extends ModelObject {

    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
