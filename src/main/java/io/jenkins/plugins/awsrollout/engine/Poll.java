package io.jenkins.plugins.awsrollout.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
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

    /** The least delay between polls once what is awaited is due. */
    static final Duration SOONEST = Duration.ofSeconds(1);

    /**
     * When to poll next while what is awaited is expected at {@code due} (null: nothing is known about when): the
     * backoff, but never past {@code due}, so a poll lands on the moment itself instead of up to a whole backoff
     * after it; once the moment has passed, again after half the time since it (at least a fifth of the first
     * poll interval, and at least {@link #SOONEST}; at most the backoff), so a late change is seen soon without
     * polling often for long.
     */
    public Duration nextDelay(RandomGenerator random, Instant now, @CheckForNull Instant due) {
        Duration delay = nextDelay(random);
        if (due == null) {
            return delay;
        }
        if (now.isBefore(due)) {
            return min(delay, Duration.between(now, due));
        }
        Duration soon = max(max(SOONEST, backoff.initial().dividedBy(5)), Duration.between(due, now).dividedBy(2));
        return min(delay, soon);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
