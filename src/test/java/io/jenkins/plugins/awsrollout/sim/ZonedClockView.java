package io.jenkins.plugins.awsrollout.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** Another clock's time seen in another zone ({@link Clock#withZone}): it follows its source. */
final class ZonedClockView extends Clock {
    private final Clock source;
    private final ZoneId zone;

    ZonedClockView(Clock source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return source.instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ZonedClockView(source, other);
    }
}
