package io.jenkins.plugins.awsrollout.engine.asg;

import java.util.Arrays;
import java.util.Optional;

/** What happens in AWS when the build is stopped during a rollout. */
public enum OnAbort {
    /** Put the previous launch template version and instances back (RollbackInstanceRefresh, or a reverse roll). */
    ROLLBACK("rollback"),
    /** Stop replacing (CancelInstanceRefresh, or stop after the batch in flight); replaced instances stay replaced. */
    CANCEL("cancel");

    private final String parameterValue;

    OnAbort(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    public String parameterValue() {
        return parameterValue;
    }

    public static Optional<OnAbort> of(String value) {
        return Arrays.stream(values()).filter(s -> s.parameterValue.equalsIgnoreCase(value.trim())).findFirst();
    }
}
