package hudson.init;

/** Stand-in for jenkins-core {@code hudson.init.TermMilestone}. */
public enum TermMilestone {
    STARTED,
    COMPLETED
}
