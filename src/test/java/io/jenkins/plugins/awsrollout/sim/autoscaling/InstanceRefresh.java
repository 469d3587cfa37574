package io.jenkins.plugins.awsrollout.sim.autoscaling;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

/** One instance refresh and its progress; {@link RefreshRunner} moves it along. */
public final class InstanceRefresh {
    final String id;
    final String groupName;
    final Instant startTime;
    final RefreshPreferences preferences;
    final DesiredConfiguration desiredConfiguration;
    final LaunchSource desired;
    final LaunchSource previous;
    final String strategy;
    String status = "Pending";
    String statusReason;
    Instant endTime;
    /** Old instances still to replace in the current pass (forward or rollback). */
    final Set<String> toReplace = new LinkedHashSet<>();
    /** Replacement instances launched in this pass that are not ready yet. */
    final Set<String> inFlight = new LinkedHashSet<>();
    int total;
    int done;
    int failures;
    String lastFailure;
    /** Instances launched ahead of terminations (MaxHealthyPercentage above 100). */
    int extra;
    int checkpointIndex;
    Instant checkpointUntil;
    Instant waitingSince;
    Instant bakeUntil;
    boolean rollingBack;
    String rollbackReason;
    Instant rollbackStartTime;
    int forwardTotal;
    int forwardDone;

    InstanceRefresh(String id, String groupName, Instant startTime, RefreshPreferences preferences,
            DesiredConfiguration desiredConfiguration, LaunchSource desired, LaunchSource previous, String strategy) {
        this.id = id;
        this.groupName = groupName;
        this.startTime = startTime;
        this.preferences = preferences;
        this.desiredConfiguration = desiredConfiguration;
        this.desired = desired;
        this.previous = previous;
        this.strategy = strategy;
    }

    public String id() {
        return id;
    }

    public String status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public int percentageComplete() {
        return total == 0 ? (status.endsWith("Successful") ? 100 : 0) : Math.min(100, done * 100 / total);
    }

    public int instancesToUpdate() {
        return Math.max(0, total - done);
    }

    boolean active() {
        return List.of("Pending", "InProgress", "Cancelling", "RollbackInProgress", "Baking").contains(status);
    }

    /** The configuration new instances get now: the desired one, or the previous one while rolling back. */
    LaunchSource target() {
        return rollingBack ? previous : desired;
    }

    int minHealthy() {
        return preferences.minHealthyPercentage() == null ? 90 : preferences.minHealthyPercentage();
    }

    int maxHealthy() {
        return preferences.maxHealthyPercentage() == null ? 100 : preferences.maxHealthyPercentage();
    }

    List<Integer> checkpoints() {
        return preferences.hasCheckpointPercentages() ? preferences.checkpointPercentages() : List.of();
    }

    long checkpointDelaySeconds() {
        return preferences.checkpointDelay() == null ? 3600 : preferences.checkpointDelay();
    }

    String scaleInProtected() {
        return preferences.scaleInProtectedInstancesAsString() == null ? "Wait" : preferences.scaleInProtectedInstancesAsString();
    }

    String standby() {
        return preferences.standbyInstancesAsString() == null ? "Wait" : preferences.standbyInstancesAsString();
    }
}
