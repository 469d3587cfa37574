package io.jenkins.plugins.awsrollout.engine.cfn;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What happens to a stack operation in flight when the build is stopped or times out. */
public enum OnAbort implements ParameterChoice {
    /** Cancel an update (CancelUpdateStack, CloudFormation rolls it back), or delete a stack being created. */
    ROLLBACK("rollback"),
    /** Let CloudFormation finish what it started. */
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
