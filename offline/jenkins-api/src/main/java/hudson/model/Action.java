package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stand-in for jenkins-core {@code hudson.model.Action}: the abstract members (its default methods are left out). */
public interface Action extends ModelObject {
    @CheckForNull String getIconFileName();

    @Override
    @CheckForNull String getDisplayName();

    @CheckForNull String getUrlName();
}
