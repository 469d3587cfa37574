package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.CapacityHistory;
import io.jenkins.plugins.awsrollout.sim.CapacitySample;
import io.jenkins.plugins.awsrollout.sim.CapacitySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.autoscaling.model.InstanceMaintenancePolicy;

/** An Auto Scaling group. Its behaviour lives in {@link AutoScalingRegion}. */
public final class AutoScalingGroup implements CapacitySource {
    final String name;
    final String arn;
    final Instant createdTime;
    final AutoScalingRegion owner;
    LaunchSource source;
    int minSize;
    int maxSize;
    int desired;
    int defaultCooldown = 300;
    String healthCheckType = "EC2";
    int healthCheckGracePeriod;
    Integer defaultInstanceWarmup;
    List<String> availabilityZones = new ArrayList<>();
    String vpcZoneIdentifier;
    final Set<String> targetGroupArns = new LinkedHashSet<>();
    final Set<String> loadBalancerNames = new LinkedHashSet<>();
    final Map<String, String> suspended = new LinkedHashMap<>();
    /** Group metrics sent to CloudWatch: metric name to granularity. */
    final Map<String, String> enabledMetrics = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Set<String> propagatedTags = new TreeSet<>();
    List<String> terminationPolicies = List.of("Default");
    boolean newInstancesProtectedFromScaleIn;
    Integer maxInstanceLifetime;
    boolean capacityRebalance;
    InstanceMaintenancePolicy instanceMaintenancePolicy;
    final Map<String, GroupMember> members = new LinkedHashMap<>();
    final List<Activity> activities = new ArrayList<>();
    final List<InstanceRefresh> refreshes = new ArrayList<>();
    final Map<String, software.amazon.awssdk.services.autoscaling.model.LifecycleHook> hooks = new LinkedHashMap<>();
    Instant launchBackoffUntil;
    boolean reconcileQueued;
    final Set<Instant> wakeups = new TreeSet<>();
    int subnetCursor;
    int overrideCursor;

    AutoScalingGroup(AutoScalingRegion owner, String name, String arn, Instant createdTime) {
        this.owner = owner;
        this.name = name;
        this.arn = arn;
        this.createdTime = createdTime;
    }

    public String name() {
        return name;
    }

    public int minSize() {
        return minSize;
    }

    public int maxSize() {
        return maxSize;
    }

    public int desired() {
        return desired;
    }

    public Map<String, GroupMember> members() {
        return members;
    }

    public List<Activity> activities() {
        return List.copyOf(activities);
    }

    public List<InstanceRefresh> refreshes() {
        return List.copyOf(refreshes);
    }

    public LaunchSource source() {
        return source;
    }

    public Set<String> suspendedProcesses() {
        return Set.copyOf(suspended.keySet());
    }

    boolean suspended(String process) {
        return suspended.containsKey(process);
    }

    /** The refresh in progress (Pending, InProgress, Cancelling, RollbackInProgress, Baking), or null. */
    InstanceRefresh activeRefresh() {
        for (InstanceRefresh refresh : refreshes) {
            if (refresh.active()) {
                return refresh;
            }
        }
        return null;
    }

    boolean elbHealthChecks() {
        return healthCheckType != null && healthCheckType.contains("ELB");
    }

    @Override
    public CapacityHistory history() {
        return owner.history(name);
    }

    @Override
    public CapacitySample sample(Instant now) {
        int inService = 0;
        int healthy = 0;
        int counted = 0;
        for (GroupMember m : members.values()) {
            counted += m.counting() ? 1 : 0;
            if (m.lifecycleState.equals("InService")) {
                inService++;
                if (owner.healthyEverywhere(this, m.instanceId)) {
                    healthy++;
                }
            }
        }
        return new CapacitySample(now, desired, inService, healthy, counted);
    }
}
