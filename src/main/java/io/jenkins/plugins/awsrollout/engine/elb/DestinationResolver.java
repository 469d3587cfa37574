package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Turns the target groups (names or ARNs) and classic load balancer names a step was given into
 * {@link Destination}s: at most one DescribeTargetGroups for the names and one for the ARNs, one classic
 * DescribeLoadBalancers, and, when a deregistration is waited for, one DescribeTargetGroupAttributes per target group
 * for its deregistration delay. Only when AWS says "one or more not found" is each one looked up alone, to name it.
 */
final class DestinationResolver {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    private DestinationResolver() {}

    static List<Destination> resolve(AwsSession aws, List<String> targetGroups, List<String> loadBalancers,
            boolean readDeregistrationDelays) {
        List<Destination> destinations = new ArrayList<>();
        Map<String, TargetGroup> found = targetGroups(aws, targetGroups);
        for (String given : targetGroups) {
            TargetGroup tg = found.get(given);
            Destination destination = Destination.targetGroup(tg.targetGroupName(), tg.targetGroupArn(),
                    tg.port() == null ? 0 : tg.port(), tg.targetTypeAsString() == null ? "instance" : tg.targetTypeAsString());
            if (!destination.targetType().equals("instance") && !destination.targetType().equals("ip")) {
                throw new OperationFailedException("Target group " + destination.name() + " has targets of type "
                        + destination.targetType() + "; awsElbRegister registers instance and ip targets only.");
            }
            if (readDeregistrationDelays) {
                destination = destination.withDeregistrationDelay(deregistrationDelay(aws, destination));
            }
            if (destinations.stream().noneMatch(d -> destinationArn(d).equals(tg.targetGroupArn()))) {
                destinations.add(destination);
            }
        }
        if (!loadBalancers.isEmpty()) {
            checkClassic(aws, loadBalancers);
            loadBalancers.forEach(name -> destinations.add(Destination.classic(name)));
        }
        return List.copyOf(destinations);
    }

    /**
     * Why {@code targets} cannot go to {@code destination}, or empty: instance ids into instance target groups and
     * classic load balancers (which take no ports), IP addresses into ip target groups.
     */
    static Optional<String> mismatch(Destination destination, List<Target> targets) {
        for (Target target : targets) {
            if (destination.classic() && (!target.isInstance() || target.port() != null)) {
                return Optional.of("Classic load balancer " + destination.name() + " takes instance ids without ports, not "
                        + describe(target) + ".");
            }
            if (!destination.classic() && destination.targetType().equals("instance") && !target.isInstance()) {
                return Optional.of("Target group " + destination.name() + " takes instance targets, not " + describe(target)
                        + ".");
            }
            if (!destination.classic() && destination.targetType().equals("ip") && target.isInstance()) {
                return Optional.of("Target group " + destination.name() + " takes IP targets, not the instance "
                        + target.id() + ": give its private IP address in targets.");
            }
        }
        return Optional.empty();
    }

    private static String describe(Target target) {
        return (target.isInstance() ? "the instance " : "the IP address ") + target.id()
                + (target.port() == null ? "" : " on port " + target.port());
    }

    private static String destinationArn(Destination destination) {
        return destination.arn() == null ? "" : destination.arn();
    }

    /** Target groups by the name or ARN they were given as. */
    private static Map<String, TargetGroup> targetGroups(AwsSession aws, List<String> given) {
        List<String> arns = given.stream().filter(g -> g.startsWith("arn:")).toList();
        List<String> names = given.stream().filter(g -> !g.startsWith("arn:")).toList();
        Map<String, TargetGroup> found = new LinkedHashMap<>();
        if (!names.isEmpty()) {
            try {
                aws.elbV2().describeTargetGroupsPaginator(r -> r.names(names)).targetGroups()
                        .forEach(tg -> found.put(tg.targetGroupName(), tg));
            } catch (TargetGroupNotFoundException e) {
                throw notFound(aws, names, false);
            }
        }
        if (!arns.isEmpty()) {
            try {
                aws.elbV2().describeTargetGroupsPaginator(r -> r.targetGroupArns(arns)).targetGroups()
                        .forEach(tg -> found.put(tg.targetGroupArn(), tg));
            } catch (TargetGroupNotFoundException e) {
                throw notFound(aws, arns, true);
            }
        }
        for (String g : given) {
            if (!found.containsKey(g)) {
                throw new OperationFailedException("Target group " + g + " was not found in " + aws.region() + ".");
            }
        }
        return found;
    }

    private static OperationFailedException notFound(AwsSession aws, List<String> given, boolean arns) {
        for (String one : given) {
            try {
                if (arns) {
                    aws.elbV2().describeTargetGroups(r -> r.targetGroupArns(one));
                } else {
                    aws.elbV2().describeTargetGroups(r -> r.names(one));
                }
            } catch (TargetGroupNotFoundException e) {
                return new OperationFailedException("Target group " + one + " was not found in " + aws.region() + ".");
            }
        }
        return new OperationFailedException("One of the target groups " + String.join(", ", given) + " was not found in "
                + aws.region() + ".");
    }

    private static void checkClassic(AwsSession aws, List<String> names) {
        try {
            List<String> found = aws.elb().describeLoadBalancersPaginator(r -> r.loadBalancerNames(names))
                    .loadBalancerDescriptions().stream().map(LoadBalancerDescription::loadBalancerName).toList();
            for (String name : names) {
                if (!found.contains(name)) {
                    throw classicNotFound(aws, name);
                }
            }
        } catch (LoadBalancerNotFoundException e) {
            for (String name : names) {
                try {
                    aws.elb().describeLoadBalancers(r -> r.loadBalancerNames(name));
                } catch (LoadBalancerNotFoundException missing) {
                    throw classicNotFound(aws, name);
                }
            }
            throw new OperationFailedException("One of the classic load balancers " + String.join(", ", names)
                    + " was not found in " + aws.region() + ".");
        }
    }

    private static OperationFailedException classicNotFound(AwsSession aws, String name) {
        return new OperationFailedException("Classic load balancer " + name + " was not found in " + aws.region() + ".");
    }

    /** The target group's deregistration delay; AWS's default (300 s) if it is somehow not a number. */
    private static Duration deregistrationDelay(AwsSession aws, Destination destination) {
        for (TargetGroupAttribute attribute : aws.elbV2()
                .describeTargetGroupAttributes(r -> r.targetGroupArn(destination.arn()))
                .attributes()) {
            if (DEREGISTRATION_DELAY.equals(attribute.key())) {
                try {
                    return Duration.ofSeconds(Long.parseLong(attribute.value().trim()));
                } catch (NumberFormatException e) {
                    return Duration.ofSeconds(300);
                }
            }
        }
        return Duration.ofSeconds(300);
    }
}
