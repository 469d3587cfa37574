package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.elb.TargetStatus.Health;
import java.util.List;

/**
 * Which targets a registration or deregistration has to touch, given what the destination says now. "Already in
 * place" is success: a registered target (whatever its health) needs no registration, a draining or absent one no
 * deregistration. A draining target is registered again by a registration, which cancels its deregistration.
 */
public final class RegistrationDiff {

    private RegistrationDiff() {}

    /** Whether {@code action} has to be applied to a target in {@code status}. */
    public static boolean needsChange(ElbAction action, TargetStatus status) {
        boolean gone = status.health() == Health.NOT_REGISTERED || status.health() == Health.DRAINING;
        return action == ElbAction.REGISTER ? gone : !gone;
    }

    /** {@code targets} (observed) with {@link WatchedTarget#changed()} set for those {@code action} has to touch. */
    public static List<WatchedTarget> apply(ElbAction action, List<WatchedTarget> targets) {
        return targets.stream()
                .map(t -> t.markChanged(t.status() != null && needsChange(action, t.status()), action))
                .toList();
    }
}
