package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.elb.TargetStatus.Health;
import java.time.Duration;

/**
 * Where one target stands in a wait.
 *
 * <ul>
 *   <li>{@code healthy}: done when healthy (classic: InService). It has <em>ended unhealthy</em> when AWS says
 *       {@code unhealthy} after its health checks ran while the step watched (it was registered by this step, or
 *       seen {@code initial}); a target already unhealthy when the step started keeps its chance to recover until
 *       the deadline. A target that cannot become healthy as things stand (stopped or terminated instance, a target
 *       group with no load balancer, health checks disabled) or that was deregistered meanwhile fails at once.
 *   <li>{@code drained}: done when the destination no longer lists it; draining waits out the deregistration delay.
 *   <li>{@code none}: done as it is.
 * </ul>
 */
public enum TargetVerdict {
    DONE,
    PENDING,
    FAILED;

    public static TargetVerdict of(WaitFor waitFor, WatchedTarget target) {
        TargetStatus status = target.status();
        if (waitFor == WaitFor.NONE) {
            return DONE;
        }
        if (status == null) {
            return PENDING;
        }
        Health health = status.health();
        if (waitFor == WaitFor.DRAINED) {
            return health == Health.NOT_REGISTERED ? DONE : PENDING;
        }
        return switch (health) {
            case HEALTHY -> DONE;
            case INITIAL -> PENDING;
            case UNHEALTHY -> target.checked() ? FAILED : PENDING;
            case BLOCKED, NOT_REGISTERED, DRAINING -> FAILED;
        };
    }

    /**
     * The sentence for a failed target: {@code i-0abc:80 in web-tg failed its health checks after 1m05s:
     * unhealthy (Target.FailedHealthChecks: Health checks failed)}.
     *
     * @param where the target and its destination, {@code i-0abc:80 in web-tg}
     */
    public static String failure(String where, TargetStatus status, Duration waited) {
        String what = switch (status.health()) {
            case UNHEALTHY -> " failed its health checks";
            case NOT_REGISTERED, DRAINING -> " was deregistered by something else";
            default -> " cannot become healthy as things stand";
        };
        String after = waited.compareTo(Duration.ofSeconds(1)) < 0 ? ""
                : " after " + HumanDuration.of(waited);
        return where + what + after + ": " + status.described();
    }
}
