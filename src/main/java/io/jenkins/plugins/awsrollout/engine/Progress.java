package io.jenkins.plugins.awsrollout.engine;

/**
 * Where an operation reports what it is doing. Lines read like
 * {@code ROLL 3 of 10 instances replaced in web-prod (batch 2/4)}: an upper-case phase, then one sentence with
 * ids and counts. Never a secret, never a raw SDK response.
 */
public interface Progress {

    /** A progress line. */
    void report(String phase, String message);

    /** Something the user should notice (a resource kept on purpose, a fallback taken). */
    void warn(String phase, String message);

    /**
     * Something for the step's timeline picture (a capacity sample, an instance's new state), at a point that already
     * has the data: never worth an AWS call of its own. Dropped unless the driver keeps a timeline.
     */
    default void record(io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent event) {}

    /** A sink that drops everything. */
    Progress NONE = new Progress() {
        @Override
        public void report(String phase, String message) {}

        @Override
        public void warn(String phase, String message) {}
    };
}
