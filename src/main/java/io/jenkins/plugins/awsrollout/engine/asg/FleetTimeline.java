package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.timeline.TimelineEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a read of the group gives the timeline picture (issue #20), from the read the tick made anyway: the capacity
 * against the floor and ceiling, each instance's state, and the band the rollout is in (a batch, a checkpoint pause).
 */
final class FleetTimeline {

    private FleetTimeline() {}

    static void record(TickContext context, AsgRolloutCursor cursor, Fleet fleet) {
        CapacityLimits limits = cursor.facts().limits();
        context.progress().record(TimelineEvent.capacity(context.now(), fleet.desired(), fleet.inService(), fleet.healthy(),
                limits.floor(), limits.ceiling()));
        Map<String, String> states = new LinkedHashMap<>();
        fleet.members().forEach(m -> states.put(m.id(), state(m)));
        context.progress().record(TimelineEvent.roster(context.now(), fleet.groupName(), states));
        RollingProgress rolling = cursor.rolling();
        if (rolling != null) {
            BatchState batch = rolling.batch();
            String band = batch != null ? (rolling.reverse() ? "rollback batch " : "batch ") + batch.number()
                    : rolling.pauseUntil() != null && context.now().isBefore(rolling.pauseUntil()) ? "checkpoint pause" : null;
            context.progress().record(TimelineEvent.band(context.now(), band));
        }
    }

    /** A batch was chosen in this tick: its band starts now. */
    static void batch(TickContext context, RollingProgress rolling, BatchState batch) {
        context.progress().record(TimelineEvent.band(context.now(), (rolling.reverse() ? "rollback batch " : "batch ") + batch.number()));
    }

    /** One word or two: the lifecycle state, or how a member in service stands. */
    static String state(FleetMember m) {
        if (!m.inService()) {
            return m.lifecycleState();
        }
        if (!m.groupHealthy()) {
            return "Unhealthy";
        }
        return switch (m.traffic()) {
            case HEALTHY, NO_LOAD_BALANCER -> "healthy";
            case UNHEALTHY -> "unhealthy in LB";
            case NOT_REGISTERED -> "not registered";
            case DRAINING -> "draining";
        };
    }
}
