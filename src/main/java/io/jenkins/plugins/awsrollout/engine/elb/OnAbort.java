package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What happens in AWS when the step fails, times out or is stopped after it changed something. */
public enum OnAbort implements ParameterChoice {
    /** Undo this step's own changes: deregister what it registered, register again what it deregistered. */
    REVERT("revert"),
    /** Leave the registrations as they are, and say so in the log. */
    LEAVE("leave");

    private final String parameterValue;

    OnAbort(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }

    public static Optional<OnAbort> of(String value) {
        return ParameterChoice.parse(OnAbort.class, value);
    }
}
