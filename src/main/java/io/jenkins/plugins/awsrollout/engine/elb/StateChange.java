package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a target's state (or reason) changed between two looks, in AWS's words:
 * {@code initial -> unhealthy (Target.FailedHealthChecks: Health checks failed) after 45s}. The first look prints the
 * whole state; later ones print only changes, and targets with the same change share one line, so a long wait over a
 * large group stays readable.
 */
public final class StateChange {

    private StateChange() {}

    /**
     * Whether {@code now} differs from {@code before}. The description counts too: a classic load balancer tells
     * "still checking" from "failed its health checks" only there (both are OutOfService, reason Instance).
     */
    public static boolean changed(@CheckForNull TargetStatus before, TargetStatus now) {
        return before == null || !before.state().equals(now.state()) || !Objects.equals(before.reason(), now.reason())
                || !Objects.equals(before.description(), now.description());
    }

    /** The change from {@code before} to {@code now}, or empty when nothing changed. */
    public static Optional<String> transition(@CheckForNull TargetStatus before, TargetStatus now, Duration waited) {
        if (!changed(before, now)) {
            return Optional.empty();
        }
        if (before == null) {
            return Optional.of(now.described());
        }
        String was;
        if (!before.state().equals(now.state())) {
            was = before.state();
        } else if (!Objects.equals(before.reason(), now.reason()) && before.reason() != null) {
            was = before.state() + " (" + before.reason() + ")";
        } else {
            was = before.described();
        }
        String after = waited.compareTo(Duration.ofSeconds(1)) < 0 ? "" : " after " + HumanDuration.of(waited);
        return Optional.of(was + " -> " + now.described() + after);
    }
}
