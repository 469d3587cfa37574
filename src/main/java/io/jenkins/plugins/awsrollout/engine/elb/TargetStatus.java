package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.Locale;

/**
 * A target's health as AWS reports it, in AWS's own words ({@code state}, {@code reason}, {@code description}),
 * with what it means for a wait ({@link #health()}). ELBv2 states are {@code initial}, {@code healthy},
 * {@code unhealthy}, {@code draining}, {@code unused}...; classic load balancers only say {@code InService} or
 * {@code OutOfService}, so their meaning comes from the reason's description.
 *
 * @param state AWS's state
 * @param reason AWS's reason code ({@code Target.FailedHealthChecks}; classic: {@code Instance}, {@code ELB}), or null
 * @param description AWS's description, or null
 * @param health what the state means
 */
public record TargetStatus(String state, @CheckForNull String reason, @CheckForNull String description, Health health)
        implements Serializable {

    /** What a state means for a wait. */
    public enum Health {
        /** Receiving traffic. */
        HEALTHY,
        /** Registered, health checks not decided yet. */
        INITIAL,
        /** Registered and failing its health checks. */
        UNHEALTHY,
        /** Deregistered, connections draining. */
        DRAINING,
        /** Not registered (or drained). */
        NOT_REGISTERED,
        /**
         * Registered but unable to become healthy as things stand: the instance is stopped or terminated, the target
         * group sends no traffic, or health checks are disabled.
         */
        BLOCKED
    }

    /** How an ELBv2 target group lists a target that is not (or no longer) registered. */
    public static TargetStatus notRegisteredV2() {
        return new TargetStatus("unused", "Target.NotRegistered", "Target is not registered to the target group",
                Health.NOT_REGISTERED);
    }

    /** How a classic load balancer describes an instance that is not (or no longer) registered. */
    public static TargetStatus notRegisteredClassic() {
        return new TargetStatus("OutOfService", "Instance", "Instance is not currently registered with the LoadBalancer.",
                Health.NOT_REGISTERED);
    }

    /** An ELBv2 {@code TargetHealth}. */
    public static TargetStatus ofV2(String state, @CheckForNull String reason, @CheckForNull String description) {
        return new TargetStatus(state, blankToNull(reason), blankToNull(description), v2Health(state, reason));
    }

    /** A classic load balancer {@code InstanceState}. */
    public static TargetStatus ofClassic(String state, @CheckForNull String reasonCode, @CheckForNull String description) {
        return new TargetStatus(state, blankToNull(reasonCode), blankToNull(description), classicHealth(state, description));
    }

    private static Health v2Health(String state, @CheckForNull String reason) {
        return switch (state) {
            case "healthy" -> Health.HEALTHY;
            case "initial" -> Health.INITIAL;
            case "unhealthy" -> Health.UNHEALTHY;
            case "draining", "unhealthy.draining" -> Health.DRAINING;
            // Target.NotRegistered is "not there"; Target.NotInUse, Target.InvalidState and Target.IpUnusable are there
            // but cannot get traffic until someone changes the load balancer or the instance.
            case "unused" -> "Target.NotRegistered".equals(reason) ? Health.NOT_REGISTERED : Health.BLOCKED;
            // unavailable: health checks are disabled (or ELB failed internally); the target never becomes healthy.
            default -> Health.BLOCKED;
        };
    }

    /**
     * Classic load balancers say only InService or OutOfService (or Unknown); the description tells registration in
     * progress from failed health checks, draining and stopped instances (texts of the DescribeInstanceHealth API
     * reference).
     */
    private static Health classicHealth(String state, @CheckForNull String description) {
        if ("InService".equals(state)) {
            return Health.HEALTHY;
        }
        String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (text.contains("not currently registered")) {
            return Health.NOT_REGISTERED;
        }
        if (text.contains("deregistration currently in progress")) {
            return Health.DRAINING;
        }
        if (text.contains("failed at least the unhealthythreshold")) {
            return Health.UNHEALTHY;
        }
        if (text.contains("stopped state") || text.contains("terminated state")) {
            return Health.BLOCKED;
        }
        // "Instance registration is still in progress.", "has not passed the configured HealthyThreshold...",
        // "Instance is in pending state.", or Unknown: health checks have not decided yet.
        return Health.INITIAL;
    }

    /** {@code healthy} or {@code unhealthy (Target.FailedHealthChecks: Health checks failed)}. */
    public String described() {
        if (reason == null && description == null) {
            return state;
        }
        if (description == null) {
            return state + " (" + reason + ")";
        }
        return state + " (" + (reason == null ? "" : reason + ": ") + stripDot(description) + ")";
    }

    private static String stripDot(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static @CheckForNull String blankToNull(@CheckForNull String value) {
        return value == null || value.isBlank() || "N/A".equals(value) ? null : value;
    }
}
