package io.jenkins.plugins.awsrollout.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A clock that moves only when told to. Hand the same instance to the simulator and to the code
 * under test: {@link #advance} moves both, and the simulator processes everything due by then
 * before {@code advance} returns.
 */
public final class ManualClock extends Clock {
    private final ZoneId zone;
    private final Object lock = new Object();
    private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    private ManualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A UTC clock standing at {@code start}. */
    public static ManualClock at(Instant start) {
        return new ManualClock(start, ZoneOffset.UTC);
    }

    /** Moves time forward and lets listeners (the simulator) catch up. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + duration);
        }
        Instant target;
        synchronized (lock) {
            target = now.plus(duration);
            now = target;
        }
        for (Consumer<Instant> listener : listeners) {
            listener.accept(target);
        }
    }

    /** Moves time to {@code instant} (not before now). */
    public void advanceTo(Instant instant) {
        advance(Duration.between(now, instant).isNegative() ? Duration.ZERO : Duration.between(now, instant));
    }

    /** Called after every advance with the new time; the simulator uses it to process due events. */
    public void addListener(Consumer<Instant> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Instant> listener) {
        listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** This clock's time seen in another zone; it follows this clock. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new ZonedClockView(this, otherZone);
    }
}
