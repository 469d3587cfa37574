package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.PacedService;
import io.jenkins.plugins.awsrollout.engine.aws.Pacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * Takes instances out of (and back into) the load balancers of a group: one call per target group and per classic
 * load balancer for a whole batch, and only for instances actually registered there, so a replayed call changes
 * nothing.
 */
final class LoadBalancerMembers {

    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

    private LoadBalancerMembers() {}

    /** Deregisters those of {@code ids} registered in each load balancer; returns the ids deregistered anywhere. */
    static List<String> deregister(AwsSession aws, Fleet fleet, List<String> ids) {
        Set<String> done = new LinkedHashSet<>();
        for (String arn : fleet.targetGroupArns()) {
            List<String> there = fleet.registeredIn(arn, ids);
            if (!there.isEmpty()) {
                pacer(aws).write(() -> aws.elbV2().deregisterTargets(r -> r.targetGroupArn(arn).targets(targets(there))
                        .overrideConfiguration(Pacer.ENGINE_RETRIES)));
                done.addAll(there);
            }
        }
        for (String name : fleet.loadBalancerNames()) {
            List<String> there = fleet.registeredIn(name, ids);
            if (!there.isEmpty()) {
                pacer(aws).write(() -> aws.elb().deregisterInstancesFromLoadBalancer(r -> r.loadBalancerName(name)
                        .instances(there.stream().map(id -> software.amazon.awssdk.services.elasticloadbalancing.model.Instance
                                .builder().instanceId(id).build()).toList()).overrideConfiguration(Pacer.ENGINE_RETRIES)));
                done.addAll(there);
            }
        }
        return new ArrayList<>(done);
    }

    /** Registers again those of {@code ids} missing (or draining) in each load balancer; returns the ids registered. */
    static List<String> register(AwsSession aws, Fleet fleet, List<String> ids) {
        Set<String> done = new LinkedHashSet<>();
        for (String arn : fleet.targetGroupArns()) {
            List<String> missing = ids.stream().filter(id -> !fleet.registeredIn(arn, List.of(id)).contains(id)).toList();
            if (!missing.isEmpty()) {
                pacer(aws).write(() -> aws.elbV2().registerTargets(r -> r.targetGroupArn(arn).targets(targets(missing))
                        .overrideConfiguration(Pacer.ENGINE_RETRIES)));
                done.addAll(missing);
            }
        }
        for (String name : fleet.loadBalancerNames()) {
            List<String> missing = ids.stream().filter(id -> !fleet.registeredIn(name, List.of(id)).contains(id)).toList();
            if (!missing.isEmpty()) {
                pacer(aws).write(() -> aws.elb().registerInstancesWithLoadBalancer(r -> r.loadBalancerName(name)
                        .instances(missing.stream().map(id -> software.amazon.awssdk.services.elasticloadbalancing.model.Instance
                                .builder().instanceId(id).build()).toList()).overrideConfiguration(Pacer.ENGINE_RETRIES)));
                done.addAll(missing);
            }
        }
        return new ArrayList<>(done);
    }

    /** Those of {@code ids} still draining somewhere. */
    static List<String> draining(Fleet fleet, List<String> ids) {
        return fleet.members().stream()
                .filter(m -> ids.contains(m.id()) && !m.leaving() && m.traffic() == FleetMember.Traffic.DRAINING)
                .map(FleetMember::id)
                .toList();
    }

    /** The longest deregistration delay of the target groups: one DescribeTargetGroupAttributes each, once per rollout. */
    static Duration drainDelay(AwsSession aws, List<String> targetGroupArns) {
        long longest = 0;
        for (String arn : targetGroupArns) {
            for (TargetGroupAttribute attribute : aws.elbV2().describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes()) {
                if (DEREGISTRATION_DELAY.equals(attribute.key())) {
                    try {
                        longest = Math.max(longest, Long.parseLong(attribute.value().trim()));
                    } catch (NumberFormatException e) {
                        // AWS always sends a number; a malformed one is treated as the default.
                        longest = Math.max(longest, 300);
                    }
                }
            }
        }
        return Duration.ofSeconds(longest);
    }

    /** The controller's pace for Elastic Load Balancing calls: one call per load balancer and batch, whatever its size. */
    private static Pacer pacer(AwsSession aws) {
        return aws.pacer(PacedService.ELB);
    }

    private static List<TargetDescription> targets(List<String> ids) {
        return ids.stream().map(id -> TargetDescription.builder().id(id).build()).toList();
    }
}
