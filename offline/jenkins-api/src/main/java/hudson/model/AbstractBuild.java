package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.AbstractBuild}. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {}
