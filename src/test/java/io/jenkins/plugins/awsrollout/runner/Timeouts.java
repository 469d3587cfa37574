package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Result;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The {@code timeout} blocks the script is in, outermost last. Time only passes inside our steps and
 * {@code sleep}, so those ask for {@link #deadline()} and, when it comes first, {@link #expire} the block.
 */
final class Timeouts {

    /** One {@code timeout} block: its deadline, and whether it has fired. */
    static final class Timeout {
        private final Instant deadline;
        private boolean fired;

        Timeout(Instant deadline) {
            this.deadline = deadline;
        }

        boolean fired() {
            return fired;
        }
    }

    private final Deque<Timeout> open = new ArrayDeque<>();

    Timeout enter(Instant deadline) {
        Timeout timeout = new Timeout(deadline);
        open.push(timeout);
        return timeout;
    }

    void leave(Timeout timeout) {
        open.remove(timeout);
    }

    /** The earliest deadline of the open blocks that have not fired, or {@link Instant#MAX}. */
    Instant deadline() {
        Instant earliest = Instant.MAX;
        for (Timeout t : open) {
            if (!t.fired && t.deadline.isBefore(earliest)) {
                earliest = t.deadline;
            }
        }
        return earliest;
    }

    /**
     * Fires every open block whose deadline is at or before {@code now}; the interruption belongs to the outermost
     * of them, as its cancellation reaches everything inside it. Null if none is due.
     */
    @CheckForNull
    BuildInterruption expire(Instant now) {
        Timeout outermost = null;
        for (Iterator<Timeout> it = open.descendingIterator(); it.hasNext(); ) {
            Timeout t = it.next();
            if (!t.fired && !t.deadline.isAfter(now)) {
                t.fired = true;
                if (outermost == null) {
                    outermost = t;
                }
            }
        }
        return outermost == null ? null : new BuildInterruption(Result.ABORTED, "Timeout has been exceeded", outermost);
    }
}
