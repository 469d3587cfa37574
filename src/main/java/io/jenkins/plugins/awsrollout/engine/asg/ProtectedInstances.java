package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What to do with out-of-date instances that are protected from scale-in (AWS's ScaleInProtectedInstances). */
public enum ProtectedInstances implements ParameterChoice {
    /** Replace them like any other instance. */
    REFRESH("Refresh"),
    /** Leave them on their current configuration; they are listed as skipped. */
    IGNORE("Ignore"),
    /** Wait until their protection is removed (the rollout refuses to start while any are protected). */
    WAIT("Wait");

    private final String awsValue;

    ProtectedInstances(String awsValue) {
        this.awsValue = awsValue;
    }

    /** The value as AWS and the step parameter spell it. */
    public String awsValue() {
        return awsValue;
    }

    @Override
    public String parameterValue() {
        return awsValue;
    }

    public static Optional<ProtectedInstances> of(String value) {
        return ParameterChoice.parse(ProtectedInstances.class, value);
    }
}
