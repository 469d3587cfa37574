package org.jenkinsci.remoting;

/** Stand-in for remoting's {@code org.jenkinsci.remoting.RoleSensitive}. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
