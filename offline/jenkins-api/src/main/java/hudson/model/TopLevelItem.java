package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.TopLevelItem}. */
public interface TopLevelItem extends Item {}
