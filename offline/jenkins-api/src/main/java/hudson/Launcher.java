package hudson;

/** Stand-in for jenkins-core {@code hudson.Launcher}: no members are used. */
public abstract class Launcher {}
