package io.jenkins.plugins.awsrollout.engine;

/** Why an operation is being aborted. */
public enum AbortReason {
    /** The user (or Jenkins) stopped the build. */
    STOPPED,
    /** The operation's deadline passed. */
    DEADLINE,
    /** An unexpected error ended the operation; what is in flight must still be cleaned up. */
    FAILED
}
