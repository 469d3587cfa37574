package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A group as one poll saw it: its sizes, configuration and members with their load balancer health. Built by
 * {@link FleetReader} from one DescribeAutoScalingGroups plus one health call per attached load balancer.
 *
 * @param groupName the group
 * @param desired the desired capacity
 * @param minSize the minimum size
 * @param maxSize the maximum size
 * @param launchTemplate the group's launch template (directly or in its mixed instances policy), or null
 * @param mixedInstancesPolicy whether the template comes from a mixed instances policy
 * @param launchConfigurationName the group's launch configuration, or null
 * @param targetGroupArns the attached target groups
 * @param loadBalancerNames the attached classic load balancers
 * @param suspendedProcesses suspended process name to the reason AWS gives
 * @param healthCheckGracePeriodSeconds the group's health check grace period
 * @param defaultInstanceWarmupSeconds the group's default instance warm-up, or null
 * @param members every instance of the group
 * @param registered per attached target group ARN and classic load balancer name, the instances registered there
 *     and not draining (those a deregistration would take out of service)
 */
public record Fleet(
        String groupName,
        int desired,
        int minSize,
        int maxSize,
        @CheckForNull LaunchTemplateRef launchTemplate,
        boolean mixedInstancesPolicy,
        @CheckForNull String launchConfigurationName,
        List<String> targetGroupArns,
        List<String> loadBalancerNames,
        Map<String, String> suspendedProcesses,
        int healthCheckGracePeriodSeconds,
        @CheckForNull Integer defaultInstanceWarmupSeconds,
        List<FleetMember> members,
        Map<String, Set<String>> registered) {

    public Fleet {
        targetGroupArns = List.copyOf(targetGroupArns);
        loadBalancerNames = List.copyOf(loadBalancerNames);
        suspendedProcesses = Map.copyOf(suspendedProcesses);
        members = List.copyOf(members);
        registered = Map.copyOf(registered);
    }

    public boolean hasLoadBalancers() {
        return !targetGroupArns.isEmpty() || !loadBalancerNames.isEmpty();
    }

    public long count(Predicate<FleetMember> predicate) {
        return members.stream().filter(predicate).count();
    }

    public int inService() {
        return (int) count(FleetMember::inService);
    }

    public int healthy() {
        return (int) count(FleetMember::healthy);
    }

    public int pending() {
        return (int) count(FleetMember::pending);
    }

    /** The member with this id, or null. */
    public @CheckForNull FleetMember member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    /** The ids among {@code ids} registered (and not draining) in load balancer {@code key}. */
    public List<String> registeredIn(String key, java.util.Collection<String> ids) {
        Set<String> there = registered.getOrDefault(key, Set.of());
        return ids.stream().filter(there::contains).toList();
    }

    /** The members whose id is in {@code ids} and that are still in the group and not leaving it. */
    public List<FleetMember> present(Set<String> ids) {
        return members.stream().filter(m -> ids.contains(m.id()) && !m.leaving()).toList();
    }
}
