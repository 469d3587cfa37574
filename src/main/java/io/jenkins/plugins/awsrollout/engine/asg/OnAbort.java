package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What happens in AWS when the build is stopped during a rollout. */
public enum OnAbort implements ParameterChoice {
    /** Put the previous launch template version and instances back (RollbackInstanceRefresh, or a reverse roll). */
    ROLLBACK("rollback"),
    /** Stop replacing (CancelInstanceRefresh, or stop after the batch in flight); replaced instances stay replaced. */
    CANCEL("cancel");

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
