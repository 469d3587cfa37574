package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.util.Collection;
import org.springframework.security.core.Authentication;

/** Stand-in for jenkins-core {@code jenkins.model.Jenkins}: the members the plugin uses. */
public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {

    private Jenkins() {}

    public static final Permission ADMINISTER = null;

    public static @NonNull Jenkins get() throws IllegalStateException {
        throw new IllegalStateException("stand-in: there is no Jenkins offline");
    }

    public static @CheckForNull Jenkins getInstanceOrNull() {
        return null;
    }

    public static @NonNull Authentication getAuthentication2() {
        throw new UnsupportedOperationException("stand-in");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Collection<TopLevelItem> getItems() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getFullName() {
        return "";
    }

    public @CheckForNull ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("stand-in");
    }
}
