package io.jenkins.plugins.awsrollout.engine.codepipeline;

import static io.jenkins.plugins.awsrollout.engine.OperationFailedException.invalid;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One {@code awsCodePipeline} call, validated: start an execution of {@code pipeline} (or follow {@code executionId}, or
 * approve the approval it waits at), and what to do at approvals, on abort and at the deadline.
 *
 * @param pipeline the pipeline's name
 * @param executionId an execution to follow (or to approve) instead of starting one
 * @param variables pipeline variables for the new execution
 * @param sourceRevisions source revision overrides for the new execution
 * @param approvals what to do at a manual approval
 * @param approve with {@code executionId}: approve (true) or reject (false) its waiting approval; null: neither
 * @param approvalSummary the summary given with an approval or rejection (null: one naming the build)
 * @param onAbortStop whether an aborted build stops the execution (else it is left running)
 * @param stopMode how it is stopped
 * @param timeout how long the step may take
 * @param failOnError whether a failed execution fails the step (else the map says so)
 * @param polling the polling shape
 * @param build the build, as it appears in summaries and stop reasons ({@code web-release #12})
 * @param buildUrl the build's URL, or null
 */
public record CodePipelineRequest(
        String pipeline,
        @CheckForNull String executionId,
        Map<String, String> variables,
        List<SourceRevision> sourceRevisions,
        ApprovalMode approvals,
        @CheckForNull Boolean approve,
        @CheckForNull String approvalSummary,
        boolean onAbortStop,
        StopMode stopMode,
        Duration timeout,
        boolean failOnError,
        Backoff polling,
        String build,
        @CheckForNull String buildUrl)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int DEFAULT_TIMEOUT_MINUTES = 120;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.@\\-_]{1,100}");
    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9@\\-_]{1,128}");
    private static final Set<String> REVISION_TYPES = Set.of("COMMIT_ID", "IMAGE_DIGEST", "S3_OBJECT_VERSION_ID", "S3_OBJECT_KEY");

    public CodePipelineRequest {
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
        sourceRevisions = List.copyOf(sourceRevisions);
    }

    /** Whether this call starts an execution (rather than following or approving one). */
    public boolean starts() {
        return executionId == null;
    }

    /** Builds and validates a request; every bad value is refused naming the field and the value. */
    public static final class Builder {
        private String pipeline;
        private String executionId;
        private Map<String, ?> variables = Map.of();
        private final List<SourceRevision> sourceRevisions = new ArrayList<>();
        private String approvals;
        private Boolean approve;
        private String approvalSummary;
        private String onAbort;
        private String stopMode;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private boolean failOnError = true;
        private int pollIntervalSeconds;
        private Backoff polling = Backoff.polling(Duration.ofSeconds(10), Duration.ofSeconds(60));
        private Map<String, String> env = Map.of();

        public Builder pipeline(String value) { pipeline = blankToNull(value); return this; }
        public Builder executionId(String value) { executionId = blankToNull(value); return this; }
        public Builder variables(Map<String, ?> value) { variables = value == null ? Map.of() : value; return this; }

        public Builder sourceRevision(String actionName, String revisionType, String revisionValue) {
            sourceRevisions.add(new SourceRevision(blankToNull(actionName), blankToNull(revisionType), blankToNull(revisionValue)));
            return this;
        }

        public Builder approvals(String value) { approvals = blankToNull(value); return this; }
        public Builder approve(Boolean value) { approve = value; return this; }
        public Builder approvalSummary(String value) { approvalSummary = blankToNull(value); return this; }
        public Builder onAbort(String value) { onAbort = blankToNull(value); return this; }
        public Builder stopMode(String value) { stopMode = blankToNull(value); return this; }
        public Builder timeoutMinutes(int value) { timeoutMinutes = value; return this; }
        public Builder failOnError(boolean value) { failOnError = value; return this; }
        public Builder pollIntervalSeconds(int value) { pollIntervalSeconds = value; return this; }
        public Builder polling(Backoff value) { polling = value; return this; }
        /** The build's environment: JOB_NAME, BUILD_NUMBER and BUILD_URL name the build in summaries and stop reasons. */
        public Builder environment(Map<String, String> value) { env = value; return this; }

        public CodePipelineRequest build() {
            if (pipeline == null) {
                throw new OperationFailedException("pipeline is required: the name of the CodePipeline pipeline to run.");
            }
            if (!NAME.matcher(pipeline).matches()) {
                throw invalid("pipeline", pipeline, "is not a pipeline name (1 to 100 letters, digits, '.', '@', '-' and '_')");
            }
            if (executionId != null && !EXECUTION_ID.matcher(executionId).matches()) {
                throw invalid("executionId", executionId, "is not a pipeline execution id (a UUID such as "
                        + "'3137f7cb-7cf7-4c3f-8a55-f3c9e1a2b7d4')");
            }
            if (approve != null && executionId == null) {
                throw new OperationFailedException("approve answers the approval an execution waits at: set executionId too "
                        + "(the executionId the first awsCodePipeline call returned).");
            }
            Map<String, String> vars = variables();
            if (executionId != null && (!vars.isEmpty() || !sourceRevisions.isEmpty())) {
                throw new OperationFailedException((vars.isEmpty() ? "sourceRevisions" : "variables")
                        + " only apply when an execution is started; executionId '" + executionId + "' names one already running.");
            }
            for (SourceRevision r : sourceRevisions) {
                if (r.actionName() == null || r.revisionType() == null || r.revisionValue() == null) {
                    throw new OperationFailedException("sourceRevisions: each needs actionName, revisionType and revisionValue.");
                }
                if (!REVISION_TYPES.contains(r.revisionType())) {
                    throw invalid("sourceRevisions.revisionType", r.revisionType(), "must be COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_KEY or S3_OBJECT_VERSION_ID");
                }
            }
            if (timeoutMinutes < 1 || timeoutMinutes > 7 * 24 * 60) {
                throw invalid("timeoutMinutes", String.valueOf(timeoutMinutes), "must be from 1 to 10080 (7 days)");
            }
            if (pollIntervalSeconds < 0 || pollIntervalSeconds > 600) {
                throw invalid("pollIntervalSeconds", String.valueOf(pollIntervalSeconds), "must be from 1 to 600 (0: the global setting)");
            }
            String job = env.getOrDefault("JOB_NAME", "a Jenkins job");
            String number = env.get("BUILD_NUMBER");
            return new CodePipelineRequest(pipeline, executionId, vars, sourceRevisions,
                    choice("approvals", approvals, ApprovalMode.class, ApprovalMode.WAIT), approve, approvalSummary,
                    abortStops(), choice("stopMode", stopMode, StopMode.class, StopMode.FINISH),
                    Duration.ofMinutes(timeoutMinutes), failOnError,
                    pollIntervalSeconds == 0 ? polling : Backoff.polling(Duration.ofSeconds(pollIntervalSeconds),
                            polling.max().compareTo(Duration.ofSeconds(pollIntervalSeconds)) < 0
                                    ? Duration.ofSeconds(pollIntervalSeconds) : polling.max()),
                    number == null ? job : job + " #" + number, blankToNull(env.get("BUILD_URL")));
        }

        private Map<String, String> variables() {
            Map<String, String> vars = new LinkedHashMap<>();
            for (Map.Entry<String, ?> v : variables.entrySet()) {
                String name = String.valueOf(v.getKey()).trim();
                if (!VARIABLE.matcher(name).matches()) {
                    throw invalid("variables", name, "is not a pipeline variable name (letters, digits, '@', '-' and '_')");
                }
                if (v.getValue() == null) {
                    throw new OperationFailedException("variables: " + name + " has no value.");
                }
                String value = String.valueOf(v.getValue());
                if (value.length() > 1000) {
                    throw new OperationFailedException("variables: the value of " + name + " is " + value.length()
                            + " characters long; CodePipeline takes at most 1000.");
                }
                vars.put(name, value);
            }
            return vars;
        }

        private boolean abortStops() {
            if (onAbort == null || onAbort.equalsIgnoreCase("stop")) {
                return true;
            }
            if (onAbort.equalsIgnoreCase("leave")) {
                return false;
            }
            throw invalid("onAbort", onAbort, "must be 'stop' or 'leave'");
        }

        private static <E extends Enum<E> & ParameterChoice> E choice(String field, String value, Class<E> type, E fallback) {
            if (value == null) {
                return fallback;
            }
            return ParameterChoice.parse(type, value).orElseThrow(() -> {
                List<String> names = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    names.add("'" + constant.parameterValue() + "'");
                }
                return invalid(field, value, "must be " + String.join(" or ", names));
            });
        }


        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
