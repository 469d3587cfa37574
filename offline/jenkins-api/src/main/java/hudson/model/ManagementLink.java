package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.Permission;

/** Stand-in for jenkins-core {@code hudson.model.ManagementLink}: the members the plugin uses. */
public abstract class ManagementLink implements ExtensionPoint, Action {

    @Override
    public abstract @CheckForNull String getIconFileName();

    public String getDescription() {
        return "";
    }

    @Override
    public abstract @CheckForNull String getUrlName();

    public @NonNull Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull Category getCategory() {
        return Category.UNCATEGORIZED;
    }

    /** Stand-in for {@code ManagementLink.Category}. */
    public enum Category {
        CONFIGURATION,
        PLUGINS,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED
    }
}
