package io.jenkins.plugins.awsrollout.engine.codepipeline;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;

/** How an aborted build stops the execution ({@code onAbort}, {@code stopMode}). */
public enum StopMode implements ParameterChoice {
    /** StopPipelineExecution letting in-progress actions finish, then wait until it is Stopped. */
    FINISH("finish"),
    /** StopPipelineExecution abandoning in-progress actions: Stopped at once. */
    ABANDON("abandon");

    private final String value;

    StopMode(String value) {
        this.value = value;
    }

    @Override
    public String parameterValue() {
        return value;
    }
}
