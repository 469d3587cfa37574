package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.AbstractItem}. */
public abstract class AbstractItem implements Item {}
