package hudson.tasks;

/** Stand-in for jenkins-core {@code hudson.tasks.BuildStepCompatibilityLayer}. */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {}
