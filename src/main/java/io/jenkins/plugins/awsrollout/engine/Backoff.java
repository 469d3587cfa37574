package io.jenkins.plugins.awsrollout.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before looking again: geometric growth from {@code initial} by {@code factor}, capped at
 * {@code max}, with {@code ±jitter} (a fraction) so that many concurrent operations do not poll in lockstep.
 * Used for both "nothing changed yet" and "AWS is throttling us".
 *
 * @param initial the first delay
 * @param factor growth per attempt (at least 1)
 * @param max the cap
 * @param jitter the random spread as a fraction of the delay, 0 to 1
 */
public record Backoff(Duration initial, double factor, Duration max, double jitter) implements Serializable {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            max = initial;
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** Grows by half each time with 20% jitter: the shape for polling. */
    public static Backoff polling(Duration initial, Duration max) {
        return new Backoff(initial, 1.5, max, 0.2);
    }

    /** The delay before attempt {@code attempt} (0 = the first wait). */
    public Duration delay(int attempt, RandomGenerator random) {
        double base = initial.toMillis() * Math.pow(factor, Math.max(0, Math.min(attempt, 64)));
        double capped = Math.min(base, max.toMillis());
        double spread = jitter == 0 ? 0 : capped * jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(capped + spread, max.toMillis()))));
    }
}
