package io.jenkins.plugins.awsrollout.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A test operation whose ticks follow a script, standing in for a real AWS operation: {@code poll} waits,
 * {@code done} finishes, {@code throttle} and {@code rejected} throw AWS errors, {@code boom} throws an unexpected
 * error, {@code failed} ends in a handled failure. Its "AWS side effects" (advances, aborts) are recorded in a
 * journal outside the cursor, as a real operation's would be in AWS, so that replays after a restart show up.
 */
public record ScriptedOperation(String id, Duration every, Duration timeout, int abortTicks)
        implements Operation<ScriptedOperation.Cursor> {

    private static final Map<String, Deque<String>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, List<String>> JOURNALS = new ConcurrentHashMap<>();

    /** A new operation with its script. */
    public static ScriptedOperation of(Duration every, Duration timeout, int abortTicks, String... script) {
        String id = UUID.randomUUID().toString();
        SCRIPTS.put(id, new ArrayDeque<>(List.of(script)));
        JOURNALS.put(id, new ArrayList<>());
        return new ScriptedOperation(id, every, timeout, abortTicks);
    }

    public List<String> journal() {
        return JOURNALS.get(id);
    }

    /**
     * @param deadline the current deadline
     * @param advances how many advances succeeded
     * @param aborts how many abort ticks ran
     */
    public record Cursor(Instant deadline, int advances, int aborts) implements io.jenkins.plugins.awsrollout.engine.Cursor {
        @Override
        public String waitingFor() {
            return "step " + (advances + 1) + " of the script";
        }
    }

    @Override
    public String name() {
        return "Scripted operation";
    }

    @Override
    public Cursor begin(Instant now) {
        return new Cursor(now.plus(timeout), 0, 0);
    }

    @Override
    public Tick<Cursor> advance(Cursor cursor, TickContext context) {
        String next = SCRIPTS.get(id).poll();
        journal().add("advance " + next);
        switch (next == null ? "poll" : next) {
            case "throttle" -> throw error("Throttling", 400, "Rate exceeded");
            case "unavailable" -> throw error("InternalFailure", 503, "Service unavailable");
            case "rejected" -> throw error("ValidationError", 400, "Group web not found");
            case "boom" -> throw new IllegalStateException("boom");
            case "refuse" -> throw new OperationFailedException("The group web is on a launch configuration.");
            case "failed" -> {
                return Tick.failed(cursor, "The refresh failed and was rolled back.", Map.of("status", "RolledBack"));
            }
            case "done" -> {
                context.progress().report("TEST", "finished after " + (cursor.advances() + 1) + " advances");
                return Tick.done(new Cursor(cursor.deadline(), cursor.advances() + 1, 0), Map.of("advances", cursor.advances() + 1));
            }
            default -> {
                context.progress().report("TEST", "advance " + (cursor.advances() + 1));
                return Tick.after(new Cursor(cursor.deadline(), cursor.advances() + 1, 0), every);
            }
        }
    }

    @Override
    public Tick<Cursor> abort(Cursor cursor, AbortReason reason, TickContext context) {
        journal().add("abort " + reason + " " + (cursor.aborts() + 1));
        Instant deadline = cursor.aborts() == 0 ? context.now().plus(Duration.ofMinutes(5)) : cursor.deadline();
        Cursor next = new Cursor(deadline, cursor.advances(), cursor.aborts() + 1);
        if (next.aborts() >= abortTicks) {
            return Tick.failed(next, "Cleaned up after " + next.aborts() + " abort ticks.", null);
        }
        return Tick.after(next, Duration.ofSeconds(10));
    }

    static AwsServiceException error(String code, int status, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("AutoScaling")
                        .build())
                .build();
    }
}
