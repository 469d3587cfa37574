package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.TaskListener;

/** How the {@link CleanupLedger} finds a build by id after its step is gone: for credentials and for its log. */
public interface BuildLogs {

    /** Whether the build still exists (running or finished). */
    boolean exists(String buildId);

    /** The build, to look credentials up for it; null when it is gone (or outside Jenkins). */
    @CheckForNull
    Run<?, ?> build(String buildId);

    /** Whether the build still runs, so that its log is still open. */
    boolean running(String buildId);

    /**
     * The running build's log when it can be reached without the step (the local runner can; a controller cannot
     * without the step's own listener, which the step hands over), else null.
     */
    @CheckForNull
    TaskListener listener(String buildId);
}
