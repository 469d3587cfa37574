package hudson;

/** Stand-in for jenkins-core {@code hudson.ExtensionPoint}. */
public interface ExtensionPoint {}
