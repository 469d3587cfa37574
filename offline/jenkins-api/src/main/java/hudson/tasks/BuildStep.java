package hudson.tasks;

/** Stand-in for jenkins-core {@code hudson.tasks.BuildStep}. */
public interface BuildStep {}
