package io.jenkins.plugins.awsrollout.engine.asg;

import java.io.Serializable;

/**
 * How a rollout ended (or is ending): its status and the sentence that explains it.
 *
 * @param status the status returned and logged
 * @param reason why, in one sentence (empty for a success)
 */
public record Outcome(Status status, String reason) implements Serializable {

    /** The {@code status} of the returned map. */
    public enum Status {
        Successful,
        RolledBack,
        Cancelled,
        Failed
    }

    public static Outcome successful() {
        return new Outcome(Status.Successful, "");
    }

    public boolean success() {
        return status == Status.Successful;
    }
}
