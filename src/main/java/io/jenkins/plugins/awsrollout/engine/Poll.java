package io.jenkins.plugins.awsrollout.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Adaptive polling state kept in a cursor: polls come quickly while things change and back off while they do not.
 *
 * @param backoff the polling shape
 * @param quietPolls how many polls in a row saw nothing new
 * @param lastObservation a summary of what the last poll saw (compared, never shown)
 */
public record Poll(Backoff backoff, int quietPolls, @CheckForNull String lastObservation) implements Serializable {

    public static Poll start(Backoff backoff) {
        return new Poll(backoff, 0, null);
    }

    /** Records what this poll saw: a change resets the backoff, the same observation lengthens it. */
    public Poll observe(String observation) {
        boolean same = Objects.equals(observation, lastObservation);
        return new Poll(backoff, same ? quietPolls + 1 : 0, observation);
    }

    /** When to poll next. */
    public Duration nextDelay(RandomGenerator random) {
        return backoff.delay(quietPolls, random);
    }
}
