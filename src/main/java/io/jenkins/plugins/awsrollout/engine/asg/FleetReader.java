package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.engine.aws.PacedService;
import io.jenkins.plugins.awsrollout.engine.aws.Pacer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads a group and the health of its instances: one DescribeAutoScalingGroups (through the paginator), one
 * DescribeTargetHealth per attached target group and one DescribeInstanceHealth per attached classic load balancer.
 * Never a call per instance, whatever the size of the group.
 */
public final class FleetReader {

    private FleetReader() {}

    /** The group as AWS describes it, or null when there is no such group. */
    public static @CheckForNull AutoScalingGroup describeGroup(AwsSession aws, String groupName) {
        // Read on every tick: AWS's throttling of it is retried by the engine, on its clock (Pacer), not by the SDK.
        return aws.pacer(PacedService.AUTO_SCALING).read(() -> {
            for (AutoScalingGroup group : aws.autoScaling()
                    .describeAutoScalingGroupsPaginator(r -> r.autoScalingGroupNames(groupName).overrideConfiguration(Pacer.ENGINE_RETRIES))
                    .autoScalingGroups()) {
                if (group.autoScalingGroupName().equals(groupName)) {
                    return group;
                }
            }
            return null;
        });
    }

    /** The group, failing with a sentence when it does not exist. */
    public static AutoScalingGroup requireGroup(AwsSession aws, String groupName) {
        AutoScalingGroup group = describeGroup(aws, groupName);
        if (group == null) {
            throw new OperationFailedException("There is no Auto Scaling group named '" + groupName + "' in " + aws.region()
                    + " for this account.");
        }
        return group;
    }

    /** The group and its instances' health in every attached load balancer. */
    public static Fleet read(AwsSession aws, String groupName) {
        return read(aws, requireGroup(aws, groupName));
    }

    /** The health of an already described group's instances. */
    public static Fleet read(AwsSession aws, AutoScalingGroup group) {
        Map<String, List<TargetHealthDescription>> targetHealth = new LinkedHashMap<>();
        for (String arn : group.targetGroupARNs()) {
            targetHealth.put(arn, aws.pacer(PacedService.ELB).read(() -> aws.elbV2().describeTargetHealth(r -> r.targetGroupArn(arn)
                    .overrideConfiguration(Pacer.ENGINE_RETRIES)).targetHealthDescriptions()));
        }
        Map<String, List<InstanceState>> classicHealth = new LinkedHashMap<>();
        for (String name : group.loadBalancerNames()) {
            classicHealth.put(name, aws.pacer(PacedService.ELB).read(() -> aws.elb().describeInstanceHealth(r -> r.loadBalancerName(name)
                    .overrideConfiguration(Pacer.ENGINE_RETRIES)).instanceStates()));
        }
        return fleet(group, targetHealth, classicHealth);
    }

    /** Merges what AWS said into a {@link Fleet}. Pure. */
    public static Fleet fleet(AutoScalingGroup group, Map<String, List<TargetHealthDescription>> targetHealth,
            Map<String, List<InstanceState>> classicHealth) {
        Map<String, Set<String>> registered = new HashMap<>();
        Map<String, Map<String, Standing>> standings = new HashMap<>();
        targetHealth.forEach((arn, descriptions) -> {
            Set<String> there = new HashSet<>();
            Map<String, Standing> byId = new HashMap<>();
            for (TargetHealthDescription d : descriptions) {
                Standing standing = Standing.ofTarget(d, targetGroupName(arn));
                byId.put(d.target().id(), standing);
                if (standing.traffic != FleetMember.Traffic.DRAINING && standing.traffic != FleetMember.Traffic.NOT_REGISTERED) {
                    there.add(d.target().id());
                }
            }
            registered.put(arn, there);
            standings.put(arn, byId);
        });
        classicHealth.forEach((name, states) -> {
            Set<String> there = new HashSet<>();
            Map<String, Standing> byId = new HashMap<>();
            for (InstanceState s : states) {
                Standing standing = Standing.ofClassic(s, name);
                byId.put(s.instanceId(), standing);
                if (standing.traffic != FleetMember.Traffic.DRAINING && standing.traffic != FleetMember.Traffic.NOT_REGISTERED) {
                    there.add(s.instanceId());
                }
            }
            registered.put(name, there);
            standings.put(name, byId);
        });
        List<FleetMember> members = new ArrayList<>();
        for (Instance instance : group.instances()) {
            members.add(member(instance, standings));
        }
        Map<String, String> suspended = new LinkedHashMap<>();
        for (SuspendedProcess p : group.suspendedProcesses()) {
            suspended.put(p.processName(), p.suspensionReason() == null ? "" : p.suspensionReason());
        }
        LaunchTemplateSpecification spec = groupTemplate(group);
        return new Fleet(group.autoScalingGroupName(), group.desiredCapacity(), group.minSize(), group.maxSize(),
                spec == null ? null : ref(spec), group.mixedInstancesPolicy() != null, group.launchConfigurationName(),
                group.targetGroupARNs(), group.loadBalancerNames(), suspended,
                group.healthCheckGracePeriod() == null ? 0 : group.healthCheckGracePeriod(), group.defaultInstanceWarmup(),
                members, registered);
    }

    /** The launch template a group launches from: its own, or its mixed instances policy's. */
    public static @CheckForNull LaunchTemplateSpecification groupTemplate(AutoScalingGroup group) {
        if (group.launchTemplate() != null) {
            return group.launchTemplate();
        }
        if (group.mixedInstancesPolicy() != null && group.mixedInstancesPolicy().launchTemplate() != null) {
            return group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        return null;
    }

    static LaunchTemplateRef ref(LaunchTemplateSpecification spec) {
        return new LaunchTemplateRef(spec.launchTemplateId(), spec.launchTemplateName(), spec.version());
    }

    /** {@code web-tg} from {@code arn:aws:elasticloadbalancing:...:targetgroup/web-tg/0123}. */
    public static String targetGroupName(String arn) {
        int start = arn.indexOf("targetgroup/");
        if (start < 0) {
            return arn;
        }
        String rest = arn.substring(start + "targetgroup/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static FleetMember member(Instance instance, Map<String, Map<String, Standing>> standings) {
        FleetMember.Traffic traffic = standings.isEmpty() ? FleetMember.Traffic.NO_LOAD_BALANCER : FleetMember.Traffic.HEALTHY;
        String reason = null;
        for (Map.Entry<String, Map<String, Standing>> lb : standings.entrySet()) {
            Standing standing = lb.getValue().get(instance.instanceId());
            if (standing == null) {
                String where = lb.getKey().startsWith("arn:") ? targetGroupName(lb.getKey()) : lb.getKey();
                standing = new Standing(FleetMember.Traffic.NOT_REGISTERED, "not registered in " + where);
            }
            if (standing.traffic.ordinal() > traffic.ordinal()) {
                traffic = standing.traffic;
                reason = standing.reason;
            }
        }
        LaunchTemplateSpecification spec = instance.launchTemplate();
        return new FleetMember(instance.instanceId(), instance.availabilityZone(), instance.lifecycleStateAsString(),
                "Healthy".equalsIgnoreCase(instance.healthStatus()), spec == null ? null : ref(spec),
                Boolean.TRUE.equals(instance.protectedFromScaleIn()), traffic, reason);
    }

    /** One instance's standing in one load balancer. */
    private record Standing(FleetMember.Traffic traffic, @CheckForNull String reason) {

        static Standing ofTarget(TargetHealthDescription d, String where) {
            String state = d.targetHealth() == null ? "" : d.targetHealth().stateAsString();
            String reason = d.targetHealth() == null ? null : d.targetHealth().reasonAsString();
            String text = state + " in " + where + (reason == null ? "" : ": " + reason);
            return switch (state == null ? "" : state) {
                case "healthy" -> new Standing(FleetMember.Traffic.HEALTHY, null);
                case "draining", "unhealthy.draining" -> new Standing(FleetMember.Traffic.DRAINING, text);
                case "unused" -> "Target.NotRegistered".equals(reason)
                        ? new Standing(FleetMember.Traffic.NOT_REGISTERED, text)
                        : new Standing(FleetMember.Traffic.UNHEALTHY, text);
                default -> new Standing(FleetMember.Traffic.UNHEALTHY, text);
            };
        }

        static Standing ofClassic(InstanceState s, String where) {
            String description = s.description() == null ? "" : s.description();
            if (description.contains("deregistration currently in progress")) {
                return new Standing(FleetMember.Traffic.DRAINING, "draining from " + where);
            }
            if ("InService".equals(s.state())) {
                return new Standing(FleetMember.Traffic.HEALTHY, null);
            }
            if (description.contains("not currently registered")) {
                return new Standing(FleetMember.Traffic.NOT_REGISTERED, "not registered in " + where);
            }
            return new Standing(FleetMember.Traffic.UNHEALTHY, s.state() + " in " + where
                    + (s.reasonCode() == null || "N/A".equals(s.reasonCode()) ? "" : ": " + description));
        }
    }
}
