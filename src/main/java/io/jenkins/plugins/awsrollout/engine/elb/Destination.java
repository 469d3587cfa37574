package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where targets go, once resolved: an ELBv2 target group (by ARN, with its port, target type and, when a
 * deregistration is waited for, its deregistration delay) or a classic load balancer (by name).
 *
 * @param kind target group or classic load balancer
 * @param name the target group's or load balancer's name, as log lines show it
 * @param arn the target group's ARN; null for a classic load balancer
 * @param port the target group's port (the default for targets given without one); null for a classic load balancer
 * @param targetType {@code instance} or {@code ip} (classic load balancers take instances)
 * @param deregistrationDelay the target group's {@code deregistration_delay.timeout_seconds}, or null when not read
 */
public record Destination(
        Kind kind,
        String name,
        @CheckForNull String arn,
        @CheckForNull Integer port,
        String targetType,
        @CheckForNull Duration deregistrationDelay)
        implements Serializable {

    /** The two load balancer APIs. */
    public enum Kind {
        TARGET_GROUP,
        CLASSIC_LOAD_BALANCER
    }

    public static Destination targetGroup(String name, String arn, int port, String targetType) {
        return new Destination(Kind.TARGET_GROUP, name, arn, port, targetType, null);
    }

    public static Destination classic(String name) {
        return new Destination(Kind.CLASSIC_LOAD_BALANCER, name, null, null, "instance", null);
    }

    public Destination withDeregistrationDelay(Duration delay) {
        return new Destination(kind, name, arn, port, targetType, delay);
    }

    public boolean classic() {
        return kind == Kind.CLASSIC_LOAD_BALANCER;
    }

    /**
     * How this destination tells targets apart: {@code id:port} in a target group (a target given without a port is
     * on the group's port, as AWS registers it), the instance id in a classic load balancer.
     */
    public String keyOf(Target target) {
        return classic() ? target.id() : key(target.id(), target.port() != null ? target.port() : port);
    }

    /** A target group key for what DescribeTargetHealth lists. */
    public static String key(String id, @CheckForNull Integer port) {
        return port == null ? id : id + ":" + port;
    }

    /** {@code target group web-tg} or {@code classic load balancer web-elb}, for sentences that name the kind. */
    public String described() {
        return (classic() ? "classic load balancer " : "target group ") + name;
    }
}
