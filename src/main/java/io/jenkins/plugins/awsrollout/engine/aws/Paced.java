package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;

/**
 * Not an error: the tick must stop before a call and run again at {@link #at()}, because the controller's pace for
 * the service has no permit left now, or because AWS refused a call the engine retries itself (throttling). The
 * driver schedules the next tick then; no thread waits.
 */
public final class Paced extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Instant at;

    public Paced(PacedService service, Instant at, @CheckForNull Throwable throttled) {
        super(service.label() + (throttled == null ? " writes paced" : " throttled") + " until " + at, throttled, false, false);
        this.at = at;
    }

    /** When to tick again. */
    public Instant at() {
        return at;
    }

    /** Whether AWS refused a call (rather than the controller's own pace holding it back). */
    public boolean throttled() {
        return getCause() != null;
    }
}
