package io.jenkins.plugins.awsrollout.engine;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Operation#advance} or {@link Operation#abort} call: the next cursor, and either
 * when to come back or the final result.
 *
 * @param <C> the cursor type
 */
public sealed interface Tick<C extends Cursor> {

    /** The cursor to persist. */
    C cursor();

    /** Come back after {@code delay} ({@link Duration#ZERO} to continue right after the cursor is saved). */
    static <C extends Cursor> Tick<C> after(C cursor, Duration delay) {
        return new Again<>(cursor, delay);
    }

    /** The operation finished; {@code result} is what the Pipeline step returns (plain values only). */
    static <C extends Cursor> Tick<C> done(C cursor, Map<String, Object> result) {
        return new Done<>(cursor, result);
    }

    /**
     * The operation ended in a failure it has already dealt with (rolled back, cleaned up). {@code message} is
     * one actionable sentence; {@code result} (may be null) describes the end state.
     */
    static <C extends Cursor> Tick<C> failed(C cursor, String message, @CheckForNull Map<String, Object> result) {
        return new Failed<>(cursor, message, result);
    }

    /** Come back later. */
    record Again<C extends Cursor>(C cursor, Duration delay) implements Tick<C> {
        public Again {
            Objects.requireNonNull(cursor, "cursor");
            if (delay.isNegative()) {
                delay = Duration.ZERO;
            }
        }
    }

    /** Finished successfully. */
    record Done<C extends Cursor>(C cursor, Map<String, Object> result) implements Tick<C> {
        public Done {
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Finished with a failure that was handled. */
    record Failed<C extends Cursor>(C cursor, String message, @CheckForNull Map<String, Object> result)
            implements Tick<C> {
        public Failed {
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(message, "message");
        }
    }
}
