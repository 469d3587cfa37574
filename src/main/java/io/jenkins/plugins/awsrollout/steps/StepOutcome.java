package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a finished step call leaves behind, the same for Pipeline steps and freestyle build steps: its map, always
 * with a {@code status} (a success's map may have none: it reads as {@code Succeeded}; a failure's has its {@code reason}), recorded on the build as a {@link StepResultAction}
 * and returned to the script. With {@code failOnError: false} a failure in AWS returns the map instead of failing; a
 * stopped build and invalid parameters still end the step.
 */
public final class StepOutcome {

    private static final Logger LOGGER = Logger.getLogger(StepOutcome.class.getName());

    /** The status shown for a successful step whose map names none. */
    static final String SUCCEEDED = "Succeeded";

    private StepOutcome() {}

    /** The map of a success: the operation's own (the build page and the variables show {@code Succeeded} when it names no status). */
    public static Map<String, Object> succeeded(Map<String, Object> result) {
        return result;
    }

    /**
     * The map of a failure: what the operation said of its end state (if anything), its {@code status} (the
     * operation's own, such as {@code RolledBack}; else {@code TimedOut} when the deadline ended it, {@code Stopped}
     * when the build was stopped, {@code Failed} otherwise), and the failure sentence as {@code reason}.
     */
    public static Map<String, Object> failed(@CheckForNull Map<String, Object> partial, String reason,
            @CheckForNull AbortReason abortReason) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (partial != null) {
            map.putAll(partial);
        }
        if (!(map.get("status") instanceof String status) || status.isEmpty()) {
            map.put("status", abortReason == AbortReason.DEADLINE ? "TimedOut" : abortReason == AbortReason.STOPPED ? "Stopped" : "Failed");
        }
        map.put("reason", reason);
        return map;
    }

    /** Whether a step that ended this way still fails with {@code failOnError: false}: a stop is never swallowed. */
    public static boolean alwaysFails(@CheckForNull AbortReason abortReason, @CheckForNull Throwable cause) {
        return abortReason == AbortReason.STOPPED || cause != null;
    }

    /** Records {@code map} on {@code build} (one action per step call); a build that cannot take it is logged, not failed. */
    public static void record(StepRuntime runtime, @CheckForNull Run<?, ?> build, String functionName, Map<String, Object> map) {
        try {
            runtime.addAction(build, new StepResultAction(functionName, map));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not record the result of " + functionName + " on " + build, e);
        }
    }
}
