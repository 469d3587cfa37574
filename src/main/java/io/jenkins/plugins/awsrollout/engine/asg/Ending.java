package io.jenkins.plugins.awsrollout.engine.asg;

import java.io.Serializable;

/**
 * A rollout that stops short of success: how it winds down, and why.
 *
 * @param mode roll back, or cancel
 * @param reason the sentence that explains why it ends (the failure, the abort, the timeout)
 * @param aborted whether the driver's abort path started it (a stopped build, a timeout, an unexpected error)
 */
public record Ending(Mode mode, String reason, boolean aborted) implements Serializable {

    /** The reason followed by a space, to start a longer sentence; empty when the driver already said why. */
    public String prefix() {
        return reason.isEmpty() ? "" : reason + " ";
    }

    public Ending markAborted() {
        return new Ending(mode, reason, true);
    }

    /** How a rollout winds down. */
    public enum Mode {
        /** Put the previous configuration and instances back. */
        ROLLBACK,
        /** Stop replacing after what is in flight; replaced instances stay replaced. */
        CANCEL
    }
}
