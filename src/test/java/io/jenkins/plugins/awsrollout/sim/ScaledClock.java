package io.jenkins.plugins.awsrollout.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that runs {@code speed} times faster than the wall clock, for the standalone
 * simulator: at speed 60 one real second is one simulated minute.
 */
public final class ScaledClock extends Clock {
    private final Instant start;
    private final long realStartNanos;
    private final double speed;

    private ScaledClock(Instant start, long realStartNanos, double speed) {
        this.start = start;
        this.realStartNanos = realStartNanos;
        this.speed = speed;
    }

    /** Starts at {@code start} now, running {@code speed} simulated seconds per real second. */
    public static ScaledClock startingAt(Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        return new ScaledClock(start, System.nanoTime(), speed);
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        long realNanos = System.nanoTime() - realStartNanos;
        return start.plus(Duration.ofNanos((long) (realNanos * speed)));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time seen in another zone; it follows this clock. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new ZonedClockView(this, otherZone);
    }
}
