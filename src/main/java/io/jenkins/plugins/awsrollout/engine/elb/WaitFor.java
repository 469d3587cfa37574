package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What {@code awsElbRegister} waits for once the targets are registered or deregistered. */
public enum WaitFor implements ParameterChoice {
    /** Every target healthy (classic: InService) in every target group and load balancer; registrations only. */
    HEALTHY("healthy"),
    /** Every target gone from every target group and load balancer, its deregistration delay over; deregistrations only. */
    DRAINED("drained"),
    /** No wait: the step returns the states right after the change. */
    NONE("none");

    private final String parameterValue;

    WaitFor(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }

    /** The wait an action has when none is given. */
    public static WaitFor defaultFor(ElbAction action) {
        return action == ElbAction.REGISTER ? HEALTHY : DRAINED;
    }

    /** Whether this wait makes sense after {@code action}. */
    public boolean appliesTo(ElbAction action) {
        return this == NONE || this == defaultFor(action);
    }

    public static Optional<WaitFor> of(String value) {
        return ParameterChoice.parse(WaitFor.class, value);
    }
}
