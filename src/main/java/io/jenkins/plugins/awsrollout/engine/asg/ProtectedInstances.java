package io.jenkins.plugins.awsrollout.engine.asg;

import java.util.Arrays;
import java.util.Optional;

/** What to do with out-of-date instances that are protected from scale-in (AWS's ScaleInProtectedInstances). */
public enum ProtectedInstances {
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

    public static Optional<ProtectedInstances> of(String value) {
        return Arrays.stream(values()).filter(s -> s.awsValue.equalsIgnoreCase(value.trim())).findFirst();
    }
}
