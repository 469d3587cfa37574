package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

/** Stand-in for jenkins-core {@code jenkins.MasterToSlaveFileCallable}: a file callable meant to run on agents. */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        // The real one checks Roles.SLAVE; nothing to check offline.
    }
}
