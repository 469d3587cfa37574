package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.AbstractProject}. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {}
