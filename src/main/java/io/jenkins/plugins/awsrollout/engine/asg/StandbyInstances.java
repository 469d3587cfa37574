package io.jenkins.plugins.awsrollout.engine.asg;

import java.util.Arrays;
import java.util.Optional;

/** What to do with out-of-date instances in Standby (AWS's StandbyInstances). */
public enum StandbyInstances {
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

    public static Optional<StandbyInstances> of(String value) {
        return Arrays.stream(values()).filter(s -> s.awsValue.equalsIgnoreCase(value.trim())).findFirst();
    }
}
