package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What to do with out-of-date instances in Standby (AWS's StandbyInstances). */
public enum StandbyInstances implements ParameterChoice {
    /** Terminate them; the group launches replacements on the new configuration when they return to its capacity. */
    TERMINATE("Terminate"),
    /** Leave them in Standby on their current configuration; they are listed as skipped. */
    IGNORE("Ignore"),
    /** Wait until they are back in service, then replace them (the rollout refuses to start while any are in Standby). */
    WAIT("Wait");

    private final String awsValue;

    StandbyInstances(String awsValue) {
        this.awsValue = awsValue;
    }

    public String awsValue() {
        return awsValue;
    }

    @Override
    public String parameterValue() {
        return awsValue;
    }

    public static Optional<StandbyInstances> of(String value) {
        return ParameterChoice.parse(StandbyInstances.class, value);
    }
}
