package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

/**
 * One target in one destination, as the operation follows it.
 *
 * @param destination the index of the destination in the cursor
 * @param target the target as given
 * @param key how the destination tells it apart ({@link Destination#keyOf})
 * @param changed whether this step registers (or deregisters) it here; decided, and saved, before the call, so a
 *     revert undoes exactly this step's changes even after a restart
 * @param status what AWS said last, or null before the first look
 * @param checked whether its health checks ran while this step watched: registered by this step, or seen
 *     {@code initial}. Only then does {@code unhealthy} count as a verdict rather than an old state that may recover
 */
public record WatchedTarget(
        int destination, Target target, String key, boolean changed, @CheckForNull TargetStatus status, boolean checked)
        implements Serializable {

    /** The same target after a look at AWS. */
    public WatchedTarget observed(TargetStatus now) {
        return new WatchedTarget(destination, target, key, changed, now,
                checked || now.health() == TargetStatus.Health.INITIAL);
    }

    /** The same target, registered (or deregistered) by this step. */
    public WatchedTarget markChanged(boolean change, ElbAction action) {
        return new WatchedTarget(destination, target, key, change, status, checked || (change && action == ElbAction.REGISTER));
    }

    /** {@code i-0abc:80} in a target group, {@code i-0abc} in a classic load balancer. */
    public String label() {
        return key;
    }
}
