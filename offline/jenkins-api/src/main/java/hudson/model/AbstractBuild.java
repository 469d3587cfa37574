package hudson.model;

import java.util.Set;

/** Stand-in for jenkins-core {@code hudson.model.AbstractBuild}. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {

    public Set<String> getSensitiveBuildVariables() {
        throw new UnsupportedOperationException("stand-in");
    }
}
