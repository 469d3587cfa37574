package io.jenkins.plugins.awsrollout.sim.ssm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A SendCommand: what was asked, and one {@link SsmInvocation} per target instance. */
public final class SsmCommand {
    final String id;
    final String documentName;
    final String comment;
    final Map<String, List<String>> parameters;
    final Instant requestedAt;
    final int timeoutSeconds;
    final int executionTimeoutSeconds;
    final String outputS3BucketName;
    final String outputS3KeyPrefix;
    final Map<String, SsmInvocation> invocations = new LinkedHashMap<>();

    SsmCommand(String id, String documentName, String comment, Map<String, List<String>> parameters, Instant requestedAt,
            int timeoutSeconds, int executionTimeoutSeconds, String outputS3BucketName, String outputS3KeyPrefix) {
        this.id = id;
        this.documentName = documentName;
        this.comment = comment;
        this.parameters = parameters;
        this.requestedAt = requestedAt;
        this.timeoutSeconds = timeoutSeconds;
        this.executionTimeoutSeconds = executionTimeoutSeconds;
        this.outputS3BucketName = outputS3BucketName;
        this.outputS3KeyPrefix = outputS3KeyPrefix;
    }

    public String id() {
        return id;
    }

    public Map<String, SsmInvocation> invocations() {
        return invocations;
    }

    /** The script the command runs: its {@code commands} lines. */
    String script() {
        return String.join("\n", parameters.getOrDefault("commands", List.of()));
    }

    /**
     * The command's overall status, derived from its invocations as AWS does: InProgress while any
     * runs, then Success only if all succeeded, Cancelled if all were cancelled, TimedOut or
     * Failed otherwise.
     */
    String status() {
        boolean anyRunning = false;
        boolean allPending = true;
        boolean anyCancelling = false;
        int success = 0;
        int cancelled = 0;
        int timedOut = 0;
        for (SsmInvocation invocation : invocations.values()) {
            switch (invocation.status) {
                case "Pending" -> anyRunning = true;
                case "InProgress" -> {
                    anyRunning = true;
                    allPending = false;
                }
                case "Cancelling" -> {
                    anyCancelling = true;
                    allPending = false;
                }
                case "Success" -> {
                    success++;
                    allPending = false;
                }
                case "Cancelled" -> {
                    cancelled++;
                    allPending = false;
                }
                case "TimedOut" -> {
                    timedOut++;
                    allPending = false;
                }
                default -> allPending = false;
            }
        }
        if (anyCancelling) {
            return "Cancelling";
        }
        if (anyRunning) {
            return allPending ? "Pending" : "InProgress";
        }
        int total = invocations.size();
        if (success == total) {
            return "Success";
        }
        if (cancelled == total) {
            return "Cancelled";
        }
        if (timedOut > 0 && success + timedOut + cancelled == total) {
            return "TimedOut";
        }
        return "Failed";
    }

    int completedCount() {
        return (int) invocations.values().stream().filter(SsmInvocation::finished).count();
    }

    int errorCount() {
        return (int) invocations.values().stream()
                .filter(i -> i.status.equals("Failed") || i.status.equals("TimedOut")).count();
    }
}
