package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** How the instances of a group are replaced. */
public enum RolloutStrategy implements ParameterChoice {
    /** AWS Instance Refresh with a pinned DesiredConfiguration: AWS replaces the instances, the plugin watches. */
    INSTANCE_REFRESH("instanceRefresh"),
    /** The plugin replaces batches itself, gating each one on load balancer health. */
    ROLLING("rolling");

    private final String parameterValue;

    RolloutStrategy(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /** The value as the step parameter spells it. */
    @Override
    public String parameterValue() {
        return parameterValue;
    }

    /** The strategy a parameter value names (case-insensitive), if any. */
    public static Optional<RolloutStrategy> of(String value) {
        return ParameterChoice.parse(RolloutStrategy.class, value);
    }
}
