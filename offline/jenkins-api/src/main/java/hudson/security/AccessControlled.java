package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in for jenkins-core {@code hudson.security.AccessControlled}: the permission checks the plugin uses. */
public interface AccessControlled {
    default void checkPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("stand-in");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("stand-in");
    }
}
