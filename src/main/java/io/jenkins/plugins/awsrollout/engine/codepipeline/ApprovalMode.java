package io.jenkins.plugins.awsrollout.engine.codepipeline;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;

/** What the step does when the execution reaches a manual approval ({@code approvals}). */
public enum ApprovalMode implements ParameterChoice {
    /** Wait until someone approves or rejects it in AWS. */
    WAIT("wait"),
    /** Approve it, with the build as the summary: for pipelines Jenkins itself gates. */
    APPROVE("approve"),
    /** Return at once with status {@code AwaitingApproval} and the token; a later step call approves or rejects. */
    INPUT("input");

    private final String value;

    ApprovalMode(String value) {
        this.value = value;
    }

    @Override
    public String parameterValue() {
        return value;
    }
}
