package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Result;
import java.time.Duration;
import java.util.List;

/**
 * How a run ended.
 *
 * @param result SUCCESS, UNSTABLE, FAILURE or ABORTED
 * @param reason why it did not succeed, in one sentence (the failing step's message), or null on SUCCESS
 * @param log the whole build log, ending with {@code Finished: RESULT}
 * @param simulated how much simulated time the run took
 */
public record BuildOutcome(Result result, @CheckForNull String reason, String log, Duration simulated) {

    public List<String> lines() {
        return log.lines().toList();
    }

    public boolean succeeded() {
        return result == Result.SUCCESS;
    }
}
