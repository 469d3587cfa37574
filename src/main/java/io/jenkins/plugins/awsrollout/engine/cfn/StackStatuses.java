package io.jenkins.plugins.awsrollout.engine.cfn;

import java.util.Set;

/** What a stack status means to a deployment that waits on it. */
public final class StackStatuses {
    private StackStatuses() {}

    /** How a wait ends. */
    public enum Outcome {
        /** Still moving. */
        IN_PROGRESS,
        /** The operation did what it was asked. */
        SUCCEEDED,
        /** It failed and CloudFormation put things back (or deleted them). */
        ROLLED_BACK,
        /** It failed and the stack needs a person. */
        FAILED
    }

    private static final Set<String> SUCCEEDED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    private static final Set<String> ROLLED_BACK = Set.of("ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "DELETE_COMPLETE",
            "IMPORT_ROLLBACK_COMPLETE");
    private static final Set<String> FAILED = Set.of("CREATE_FAILED", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED",
            "DELETE_FAILED", "IMPORT_ROLLBACK_FAILED");

    public static Outcome of(String status) {
        if (SUCCEEDED.contains(status)) {
            return Outcome.SUCCEEDED;
        }
        if (ROLLED_BACK.contains(status)) {
            return Outcome.ROLLED_BACK;
        }
        if (FAILED.contains(status)) {
            return Outcome.FAILED;
        }
        return Outcome.IN_PROGRESS;
    }

    /**
     * Why a deployment cannot start on a stack in {@code status} (null: it can), naming what to do; {@code reason} is
     * the stack's status reason.
     */
    public static String blocked(String stackName, String status, String reason) {
        if (status.equals("ROLLBACK_COMPLETE") || status.equals("ROLLBACK_FAILED") || status.equals("CREATE_FAILED")) {
            return "Stack " + stackName + " is " + status + ": its creation failed, and CloudFormation cannot update it. Delete it "
                    + "(aws cloudformation delete-stack --stack-name " + stackName + ") and run again.";
        }
        if (status.equals("UPDATE_ROLLBACK_FAILED")) {
            return "Stack " + stackName + " is UPDATE_ROLLBACK_FAILED" + (reason == null ? "" : " (" + reason.strip() + ")")
                    + ": finish its rollback first (aws cloudformation continue-update-rollback --stack-name " + stackName
                    + ", skipping with --resources-to-skip what cannot be rolled back), then run again.";
        }
        if (status.equals("DELETE_FAILED")) {
            return "Stack " + stackName + " is DELETE_FAILED" + (reason == null ? "" : " (" + reason.strip() + ")")
                    + ": finish deleting it, then run again.";
        }
        if (status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS")) {
            return "Stack " + stackName + " is busy (" + status + "): another operation is under way. Wait for it to end and run again.";
        }
        return null;
    }
}
