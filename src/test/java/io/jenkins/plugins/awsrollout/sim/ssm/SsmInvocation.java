package io.jenkins.plugins.awsrollout.sim.ssm;

import java.time.Instant;

/**
 * One command on one instance: its status, output and exit code. Statuses follow AWS: Pending →
 * InProgress → Success | Failed | TimedOut, or Cancelling → Cancelled.
 */
public final class SsmInvocation {
    final SsmCommand command;
    final String instanceId;
    final Instant visibleAt;
    String status = "Pending";
    String statusDetails = "Pending";
    int responseCode = -1;
    Instant startedAt;
    Instant endedAt;
    final StringBuilder stdout = new StringBuilder();
    final StringBuilder stderr = new StringBuilder();
    /** Bumped when the invocation ends, so that pending script steps and timeouts do nothing. */
    int epoch;

    SsmInvocation(SsmCommand command, String instanceId, Instant visibleAt) {
        this.command = command;
        this.instanceId = instanceId;
        this.visibleAt = visibleAt;
    }

    public String instanceId() {
        return instanceId;
    }

    public String status() {
        return status;
    }

    public String statusDetails() {
        return statusDetails;
    }

    public int responseCode() {
        return responseCode;
    }

    public String standardOutput() {
        return stdout.toString();
    }

    public String standardError() {
        return stderr.toString();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** True once nothing more will happen to it. */
    public boolean finished() {
        return switch (status) {
            case "Success", "Failed", "TimedOut", "Cancelled" -> true;
            default -> false;
        };
    }

    void finish(String finalStatus, String details, int code, Instant now) {
        epoch++;
        status = finalStatus;
        statusDetails = details;
        responseCode = code;
        endedAt = now;
        if (startedAt == null) {
            startedAt = now;
        }
    }
}
