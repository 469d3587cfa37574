package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why a group cannot be rolled as asked, decided before anything changes. Pure: every check reads what the
 * preflight already fetched, and the first problem is one sentence saying what is wrong and what to do.
 */
public final class PreflightChecks {

    private PreflightChecks() {}

    /** An instance refresh AWS reports on the group. */
    public record RunningRefresh(String id, String status) {}

    /**
     * @param fleet the group as read now
     * @param request the rollout asked for
     * @param limits floor and ceiling for the desired capacity the rollout keeps
     * @param running an active instance refresh on the group, or null
     * @param plan the rollout plan (for instances held by protection or Standby)
     */
    public static Optional<String> refusal(Fleet fleet, AsgRolloutRequest request, CapacityLimits limits,
            @CheckForNull RunningRefresh running, RolloutPlan plan) {
        String group = fleet.groupName();
        if (fleet.launchTemplate() == null) {
            return Optional.of(fleet.launchConfigurationName() != null
                    ? group + " launches from launch configuration '" + fleet.launchConfigurationName() + "', which cannot be "
                            + "pinned, rolled back or given a new image: migrate it to a launch template first (EC2 console, "
                            + "Launch configurations, 'Copy to launch template', or aws ec2 create-launch-template), then "
                            + "point the group at it with aws autoscaling update-auto-scaling-group --launch-template "
                            + "LaunchTemplateId=<id>,Version=<number>."
                    : group + " has neither a launch template nor a mixed instances policy to roll.");
        }
        if (running != null) {
            return Optional.of("Another instance refresh (" + running.id() + ", " + running.status() + ") is running on " + group
                    + ": wait for it to end or cancel it (aws autoscaling cancel-instance-refresh --auto-scaling-group-name "
                    + group + ") before rolling again.");
        }
        Optional<String> stalled = stallingProcesses(fleet, request.strategy());
        if (stalled.isPresent()) {
            return stalled;
        }
        Optional<String> sizes = sizes(fleet, request, limits.desired());
        if (sizes.isPresent()) {
            return sizes;
        }
        Optional<String> deadlock = limits.deadlock(group);
        if (deadlock.isPresent()) {
            return deadlock;
        }
        CapacityLimits now = CapacityLimits.of(fleet.desired(), request.minHealthyPercentage(), request.maxHealthyPercentage());
        if (fleet.healthy() < now.floor()) {
            return Optional.of("Only " + fleet.healthy() + " of " + fleet.desired() + " instances of " + group + " are healthy in "
                    + "service, under the floor of " + now.floor() + " (minHealthyPercentage " + request.minHealthyPercentage()
                    + "): replacing any would take it further down; repair the group first, or lower minHealthyPercentage.");
        }
        if (!plan.held().isEmpty()) {
            return Optional.of(held(group, fleet, plan.held(), request));
        }
        return Optional.empty();
    }

    private static Optional<String> stallingProcesses(Fleet fleet, RolloutStrategy strategy) {
        Map<String, String> stalling = new TreeMap<>();
        fleet.suspendedProcesses().forEach((process, reason) -> {
            boolean needed = switch (process) {
                case "Launch", "Terminate", "HealthCheck", "ReplaceUnhealthy" -> true;
                case "AddToLoadBalancer" -> fleet.hasLoadBalancers();
                case "InstanceRefresh" -> strategy == RolloutStrategy.INSTANCE_REFRESH;
                default -> false;
            };
            if (needed) {
                stalling.put(process, reason);
            }
        });
        if (stalling.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(" ", stalling.keySet());
        return Optional.of(fleet.groupName() + " has " + String.join(", ", stalling.keySet()) + " suspended, which would stall the "
                + "rollout (new instances could not launch, register or replace the old ones): resume "
                + (stalling.size() == 1 ? "it" : "them") + " with aws autoscaling resume-processes --auto-scaling-group-name "
                + fleet.groupName() + " --scaling-processes " + names + ".");
    }

    private static Optional<String> sizes(Fleet fleet, AsgRolloutRequest request, int desired) {
        int min = request.minSize() != null ? request.minSize() : fleet.minSize();
        int max = request.maxSize() != null ? request.maxSize() : fleet.maxSize();
        if (desired < min || desired > max) {
            return Optional.of("A desired capacity of " + desired + " is outside " + fleet.groupName() + "'s sizes (min " + min
                    + ", max " + max + "): give minSize/maxSize along with desiredCapacity.");
        }
        if (min > max) {
            return Optional.of("minSize " + min + " would be above maxSize " + max + " for " + fleet.groupName() + ".");
        }
        return Optional.empty();
    }

    private static String held(String group, Fleet fleet, List<String> ids, AsgRolloutRequest request) {
        List<String> standby = ids.stream().filter(id -> fleet.member(id) != null && fleet.member(id).standby()).toList();
        List<String> protectedIds = ids.stream().filter(id -> !standby.contains(id)).toList();
        List<String> sentences = new java.util.ArrayList<>();
        if (!protectedIds.isEmpty()) {
            sentences.add(group + " has out-of-date instances protected from scale-in (" + list(protectedIds)
                    + "); with scaleInProtectedInstances '" + request.scaleInProtectedInstances().awsValue() + "' the rollout would "
                    + "stall until the protection is removed: remove it (aws autoscaling set-instance-protection "
                    + "--no-protected-from-scale-in), or set scaleInProtectedInstances to 'Refresh' (replace them) or 'Ignore' "
                    + "(leave them).");
        }
        if (!standby.isEmpty()) {
            sentences.add(group + " has out-of-date instances in Standby (" + list(standby) + "); with standbyInstances '"
                    + request.standbyInstances().awsValue() + "' the rollout would stall until they are back in service: "
                    + "return them to service (aws autoscaling exit-standby), or set standbyInstances to 'Terminate' or 'Ignore'.");
        }
        return String.join(" ", sentences);
    }

    private static String list(List<String> ids) {
        return ids.size() > 5 ? String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more" : String.join(", ", ids);
    }

}
