package hudson.init;

/**
 * Stand-in for jenkins-core {@code hudson.init.TermMilestone} (the real one also implements task-reactor's
 * {@code Milestone} and has {@code ordering()}, left out here).
 */
public enum TermMilestone {
    STARTED("Started termination"),
    COMPLETED("Completed termination");

    private final String message;

    TermMilestone(String message) {
        this.message = message;
    }

    @Override
    public String toString() {
        return message;
    }
}
