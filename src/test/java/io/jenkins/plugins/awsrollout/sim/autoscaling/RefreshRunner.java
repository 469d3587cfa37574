package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves instance refreshes along, as Auto Scaling documents them.
 *
 * <ul>
 *   <li>At the start, the instances to replace are all InService/Pending members (with SkipMatching,
 *       only those not already on the desired configuration). Scale-in protected instances are
 *       replaced (Refresh), skipped (Ignore) or waited for (Wait); Standby instances are
 *       terminated without replacement (Terminate), skipped (Ignore) or waited for (Wait). A wait
 *       lasts at most one hour, then the refresh fails.</li>
 *   <li>Replacement goes in batches. With MaxHealthyPercentage 100, a batch terminates
 *       {@code max(1, healthy - ceil(desired × MinHealthyPercentage / 100))} old instances and the
 *       group launches their replacements; above 100, a batch first launches up to
 *       {@code floor(desired × MaxHealthyPercentage / 100) - current} new instances, then terminates as
 *       many old ones once those are ready. A batch never crosses the next checkpoint.</li>
 *   <li>A replacement counts (PercentageComplete) once it is InService, healthy (EC2 status, and
 *       every attached target group / classic ELB) and warmed up (InstanceWarmup, else the group's
 *       DefaultInstanceWarmup, else its HealthCheckGracePeriod). The next batch starts only when
 *       every replacement of the current one counts.</li>
 *   <li>Checkpoints: on reaching each CheckpointPercentages value the refresh waits CheckpointDelay
 *       (default 3600 s), InProgress with a StatusReason saying so; if the last checkpoint is below
 *       100 the refresh ends Successful there.</li>
 *   <li>Failure: a replacement that is taken out of service (marked Unhealthy, terminated) before
 *       it counts, or a launch that fails, is a failed replacement. At {@value #FAILURE_LIMIT}
 *       failed replacements the refresh fails; with AutoRollback it rolls back instead: the group's
 *       previous configuration is launched to replace every instance not on it
 *       (RollbackInProgress, then RollbackSuccessful, or RollbackFailed after
 *       {@value #FAILURE_LIMIT} more failures).</li>
 *   <li>Cancel: no new batch starts; once in-flight replacements count, Cancelled.</li>
 *   <li>Success applies the DesiredConfiguration to the group; BakeTime adds a Baking phase.</li>
 * </ul>
 */
final class RefreshRunner {
    /** Failed replacements after which a refresh (or its rollback) fails. */
    static final int FAILURE_LIMIT = 3;
    private static final Duration WAIT_LIMIT = Duration.ofHours(1);

    private final Cloud cloud;
    private final AutoScalingRegion owner;

    RefreshRunner(Cloud cloud, AutoScalingRegion owner) {
        this.cloud = cloud;
        this.owner = owner;
    }

    /** Chooses what to replace at the start of a pass (forward, or rollback). */
    void plan(AutoScalingGroup group, InstanceRefresh refresh, boolean skipMatching) {
        refresh.toReplace.clear();
        refresh.inFlight.clear();
        refresh.done = 0;
        refresh.failures = 0;
        refresh.extra = 0;
        refresh.checkpointIndex = 0;
        refresh.checkpointUntil = null;
        refresh.waitingSince = null;
        for (GroupMember m : group.members.values()) {
            boolean standby = m.lifecycleState.equals("Standby");
            if (!m.counting() && !standby) {
                continue;
            }
            if (skipMatching && owner.matches(refresh.target(), m)) {
                continue;
            }
            if (standby && refresh.standby().equals("Ignore")) {
                continue;
            }
            if (m.protectedFromScaleIn && refresh.scaleInProtected().equals("Ignore")) {
                continue;
            }
            refresh.toReplace.add(m.instanceId);
        }
        refresh.total = refresh.toReplace.size();
    }

    void step(AutoScalingGroup group, InstanceRefresh refresh) {
        Instant now = cloud.now();
        if (refresh.status.equals("Pending")) {
            refresh.status = "InProgress";
        }
        if (refresh.status.equals("Baking")) {
            if (!now.isBefore(refresh.bakeUntil)) {
                succeed(group, refresh);
            }
            return;
        }
        for (String id : List.copyOf(refresh.inFlight)) {
            GroupMember m = group.members.get(id);
            if (m == null || !m.counting() || m.healthStatus.equals("Unhealthy")) {
                refresh.inFlight.remove(id);
                failed(refresh, id + " failed health checks");
            } else if (ready(group, refresh, m, now)) {
                refresh.inFlight.remove(id);
                refresh.done = Math.min(refresh.total, refresh.done + 1);
            }
        }
        if (refresh.failures >= FAILURE_LIMIT) {
            fail(group, refresh);
            return;
        }
        if (!refresh.inFlight.isEmpty()) {
            String example = refresh.inFlight.iterator().next();
            refresh.statusReason = "Waiting for instances to warm up before continuing. For example: " + example + " is warming up.";
            return;
        }
        if (refresh.extra > 0 && group.members.values().stream().filter(GroupMember::counting).count()
                < group.desired + refresh.extra) {
            // A replacement launched ahead failed and left: its own replacement comes first, never an old instance's exit.
            refresh.statusReason = "Waiting for replacement instances to launch before terminating.";
            return;
        }
        if (refresh.extra > 0) {
            // Launched ahead are now ready: retire as many old instances.
            int retire = refresh.extra;
            refresh.extra = 0;
            for (GroupMember old : replaceable(group, refresh).stream().limit(retire).toList()) {
                retireOld(group, refresh, old, false);
            }
        }
        if (refresh.status.equals("Cancelling")) {
            finish(refresh, "Cancelled", "The instance refresh was cancelled.");
            return;
        }
        int percent = refresh.percentageComplete();
        List<Integer> checkpoints = refresh.checkpoints();
        if (refresh.checkpointIndex < checkpoints.size() && percent >= checkpoints.get(refresh.checkpointIndex)) {
            int checkpoint = checkpoints.get(refresh.checkpointIndex);
            if (refresh.checkpointUntil == null) {
                refresh.checkpointUntil = now.plusSeconds(refresh.checkpointDelaySeconds());
            }
            if (now.isBefore(refresh.checkpointUntil)) {
                refresh.statusReason = "Waiting at checkpoint " + checkpoint + "% (" + percent + "% of instances replaced) until "
                        + AutoScalingRegion.iso(refresh.checkpointUntil) + ".";
                owner.wakeAt(group, refresh.checkpointUntil);
                return;
            }
            refresh.checkpointIndex++;
            refresh.checkpointUntil = null;
            if (refresh.checkpointIndex == checkpoints.size() && checkpoint < 100 && !refresh.rollingBack) {
                succeed(group, refresh);
                return;
            }
        }
        List<GroupMember> remaining = remaining(group, refresh);
        List<GroupMember> replaceable = replaceable(group, refresh);
        for (GroupMember standby : remaining.stream().filter(m -> m.lifecycleState.equals("Standby")).toList()) {
            if (refresh.standby().equals("Terminate")) {
                retireOld(group, refresh, standby, false);
                refresh.done = Math.min(refresh.total, refresh.done + 1);
            }
        }
        remaining = remaining(group, refresh);
        if (replaceable.isEmpty()) {
            if (remaining.isEmpty() && group.members.values().stream().filter(GroupMember::counting).count() < group.desired) {
                // A failed replacement left: the refresh is not over before its own replacement has come and counted.
                refresh.statusReason = "Waiting for replacement instances to launch.";
                return;
            }
            if (remaining.isEmpty()) {
                complete(group, refresh);
                return;
            }
            GroupMember blocked = remaining.get(0);
            String why = blocked.lifecycleState.equals("Standby") ? "in Standby" : "protected from scale in";
            refresh.statusReason = "Waiting for instance(s) " + blocked.instanceId + " " + why
                    + " to be replaced: remove the protection or return the instance to service.";
            if (refresh.waitingSince == null) {
                refresh.waitingSince = now;
            }
            Instant giveUp = refresh.waitingSince.plus(WAIT_LIMIT);
            if (!now.isBefore(giveUp)) {
                refresh.statusReason = "Instance refresh failed: instance(s) " + why + " were not released within one hour.";
                finish(refresh, refresh.rollingBack ? "RollbackFailed" : "Failed", refresh.statusReason);
            } else {
                owner.wakeAt(group, giveUp);
            }
            return;
        }
        refresh.waitingSince = null;
        startBatch(group, refresh, replaceable);
    }

    private void startBatch(AutoScalingGroup group, InstanceRefresh refresh, List<GroupMember> replaceable) {
        if (group.members.values().stream().filter(GroupMember::counting).count() > group.desired + refresh.extra) {
            // Instances launched ahead by a pass that ended (a rollback began) go first, newest configuration first:
            // a batch counted over them would take healthy capacity under the minimum.
            refresh.statusReason = "Waiting for excess instances to terminate.";
            owner.wakeAt(group, cloud.now().plusSeconds(1));
            return;
        }
        int desired = group.desired;
        int floor = (int) Math.ceil(desired * refresh.minHealthy() / 100.0);
        int ceiling = (int) Math.floor(desired * refresh.maxHealthy() / 100.0);
        long counting = group.members.values().stream().filter(GroupMember::counting).count();
        int healthy = (int) group.members.values().stream()
                .filter(m -> m.lifecycleState.equals("InService") && owner.healthyEverywhere(group, m.instanceId)).count();
        int batchLimit = replaceable.size();
        List<Integer> checkpoints = refresh.checkpoints();
        if (refresh.checkpointIndex < checkpoints.size() && refresh.total > 0) {
            int upTo = (int) Math.ceil(refresh.total * checkpoints.get(refresh.checkpointIndex) / 100.0);
            batchLimit = Math.max(1, Math.min(batchLimit, upTo - refresh.done));
        }
        if (ceiling > counting) {
            int launchFirst = (int) Math.min(batchLimit, ceiling - counting);
            refresh.extra = launchFirst;
            refresh.statusReason = "Launching " + launchFirst + " replacement instance(s) before terminating.";
            for (int i = 0; i < launchFirst; i++) {
                owner.launch(group, refresh.target(), "At " + AutoScalingRegion.iso(cloud.now())
                        + " an instance was launched in response to an instance refresh.");
            }
            return;
        }
        int count = Math.min(batchLimit, Math.max(1, healthy - floor));
        refresh.statusReason = "Replacing " + count + " instance(s).";
        for (GroupMember old : replaceable.stream().limit(count).toList()) {
            retireOld(group, refresh, old, true);
        }
    }

    private void retireOld(AutoScalingGroup group, InstanceRefresh refresh, GroupMember old, boolean replace) {
        refresh.toReplace.remove(old.instanceId);
        String cause = "At " + AutoScalingRegion.iso(cloud.now()) + " an instance was taken out of service in response to an "
                + "instance refresh" + (refresh.rollingBack ? " rollback" : "") + ".";
        if (old.lifecycleState.equals("Standby")) {
            old.lifecycleState = "InService";
            group.desired = Math.max(group.desired, 0);
            owner.terminate(group, old, cause, false);
            return;
        }
        owner.terminate(group, old, cause, false);
    }

    /** Old instances still in the group that this pass must replace. */
    private List<GroupMember> remaining(AutoScalingGroup group, InstanceRefresh refresh) {
        List<GroupMember> result = new ArrayList<>();
        for (String id : List.copyOf(refresh.toReplace)) {
            GroupMember m = group.members.get(id);
            if (m == null || m.terminating()) {
                refresh.toReplace.remove(id);
                continue;
            }
            result.add(m);
        }
        return result;
    }

    /** Of those, the ones that may be replaced now (not waited for), unhealthy and oldest first. */
    private List<GroupMember> replaceable(AutoScalingGroup group, InstanceRefresh refresh) {
        return remaining(group, refresh).stream()
                .filter(m -> m.counting())
                .filter(m -> !(m.protectedFromScaleIn && refresh.scaleInProtected().equals("Wait")))
                .sorted(Comparator.comparing((GroupMember m) -> m.healthStatus.equals("Unhealthy") ? 0 : 1)
                        .thenComparing(m -> m.launchedAt))
                .toList();
    }

    private boolean ready(AutoScalingGroup group, InstanceRefresh refresh, GroupMember m, Instant now) {
        if (!m.lifecycleState.equals("InService") || !m.healthStatus.equals("Healthy")) {
            return false;
        }
        Instance instance = owner.region().ec2().instances().get(m.instanceId);
        if (instance == null || !instance.running() || instance.failsHealthChecks() || !owner.healthyEverywhere(group, m.instanceId)) {
            return false;
        }
        Integer warmup = refresh.preferences.instanceWarmup() != null ? refresh.preferences.instanceWarmup()
                : group.defaultInstanceWarmup != null ? group.defaultInstanceWarmup : Integer.valueOf(group.healthCheckGracePeriod);
        Instant warm = m.inServiceAt.plusSeconds(warmup);
        if (now.isBefore(warm)) {
            owner.wakeAt(group, warm);
            return false;
        }
        return true;
    }

    void launchFailed(AutoScalingGroup group, InstanceRefresh refresh, String message) {
        failed(refresh, message);
        if (refresh.failures >= FAILURE_LIMIT) {
            fail(group, refresh);
        }
    }

    private void failed(InstanceRefresh refresh, String what) {
        refresh.failures++;
        refresh.lastFailure = what;
    }

    private void fail(AutoScalingGroup group, InstanceRefresh refresh) {
        String reason = "Instance refresh failed: " + refresh.failures + " replacement instances failed to launch or failed health "
                + "checks (last: " + refresh.lastFailure + ").";
        if (refresh.rollingBack) {
            finish(refresh, "RollbackFailed", reason);
            return;
        }
        if (Boolean.TRUE.equals(refresh.preferences.autoRollback()) && !refresh.previous.floatingVersion()) {
            rollback(group, refresh, reason);
            return;
        }
        finish(refresh, "Failed", reason);
    }

    /** An alarm of the refresh's AlarmSpecification went into ALARM: roll back when AutoRollback may, else fail. */
    void alarmed(AutoScalingGroup group, InstanceRefresh refresh, String alarmName) {
        String reason = "The instance refresh was stopped because the alarm " + alarmName + " went into ALARM state.";
        if (Boolean.TRUE.equals(refresh.preferences.autoRollback()) && !refresh.previous.floatingVersion()) {
            rollback(group, refresh, reason);
            return;
        }
        refresh.inFlight.clear();
        finish(refresh, "Failed", reason);
    }

    /** Starts rolling back: every instance not on the previous configuration is replaced by one that is. */
    void rollback(AutoScalingGroup group, InstanceRefresh refresh, String reason) {
        refresh.forwardTotal = refresh.total;
        refresh.forwardDone = refresh.done;
        refresh.rollingBack = true;
        refresh.status = "RollbackInProgress";
        refresh.rollbackReason = reason;
        refresh.rollbackStartTime = cloud.now();
        refresh.statusReason = reason;
        plan(group, refresh, true);
        owner.requestReconcile(group);
    }

    private void complete(AutoScalingGroup group, InstanceRefresh refresh) {
        Integer bake = refresh.preferences.bakeTime() == null ? null : refresh.preferences.bakeTime().intValue();
        if (!refresh.rollingBack && bake != null && bake > 0) {
            refresh.status = "Baking";
            refresh.bakeUntil = cloud.now().plusSeconds(bake);
            refresh.statusReason = "Baking for " + bake + " seconds.";
            owner.wakeAt(group, refresh.bakeUntil);
            return;
        }
        succeed(group, refresh);
    }

    private void succeed(AutoScalingGroup group, InstanceRefresh refresh) {
        refresh.done = refresh.total;
        if (refresh.rollingBack) {
            finish(refresh, "RollbackSuccessful", "Rollback completed successfully.");
            return;
        }
        if (refresh.desiredConfiguration != null) {
            group.source = refresh.desired;
        }
        refresh.done = refresh.total;
        finish(refresh, "Successful", null);
    }

    private void finish(InstanceRefresh refresh, String status, String reason) {
        refresh.status = status;
        refresh.statusReason = reason;
        refresh.endTime = cloud.now();
        refresh.extra = 0;
        refresh.inFlight.clear();
    }
}
