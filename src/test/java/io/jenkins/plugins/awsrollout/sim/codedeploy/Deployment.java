package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.TargetInstances;

/**
 * One deployment: what it deploys where, and where it stands. Status moves Created → Queued →
 * InProgress → (Ready, blue/green only) → Succeeded | Failed | Stopped.
 */
public final class Deployment {
    final String id;
    final DeploymentGroup group;
    final DeploymentConfig config;
    final RevisionLocation revision;
    final RevisionLocation previousRevision;
    final String creator;
    final String description;
    final Instant createTime;
    final boolean ignoreApplicationStopFailures;
    final boolean updateOutdatedInstancesOnly;
    final String fileExistsBehavior;
    final TargetInstances targetInstances;
    /** The deployment's own override, or null (the group's applies). */
    final AutoRollbackConfiguration autoRollbackOverride;
    final AlarmConfiguration overrideAlarmConfiguration;
    /** Frozen when the deployment is created: later group changes do not apply to it. */
    final boolean blueGreen;
    final boolean trafficControl;
    final Map<String, DeploymentTarget> targets = new LinkedHashMap<>();
    String status = "Created";
    Instant startTime;
    Instant completeTime;
    String errorCode;
    String errorMessage;
    String rollbackDeploymentId;
    String rollbackTriggeringDeploymentId;
    String rollbackMessage;
    /** StopDeployment was called: start nothing new, finish what runs, then Stopped. */
    boolean stopping;
    /** StopDeployment's autoRollbackEnabled (null: the deployment's or group's configuration decides). */
    Boolean stopRollback;
    boolean instanceTerminationWaitTimeStarted;
    /** A blue/green deployment's copied Auto Scaling group, or null. */
    String greenAutoScalingGroup;
    /** What ContinueDeployment (READY_WAIT) resumes while the deployment is Ready, else null. */
    Runnable readyContinuation;
    /** What ContinueDeployment (TERMINATION_WAIT) resumes while blue instances wait to be terminated, else null. */
    Runnable terminationContinuation;
    /** Bumped on every phase change that cancels pending timers (Ready wait, termination wait). */
    int epoch;

    Deployment(String id, DeploymentGroup group, DeploymentConfig config, RevisionLocation revision, RevisionLocation previousRevision,
            String creator, String description, Instant createTime, boolean ignoreApplicationStopFailures,
            boolean updateOutdatedInstancesOnly, String fileExistsBehavior, TargetInstances targetInstances,
            AutoRollbackConfiguration autoRollbackOverride, AlarmConfiguration overrideAlarmConfiguration) {
        this.id = id;
        this.group = group;
        this.config = config;
        this.revision = revision;
        this.previousRevision = previousRevision;
        this.creator = creator;
        this.description = description;
        this.createTime = createTime;
        this.ignoreApplicationStopFailures = ignoreApplicationStopFailures;
        this.updateOutdatedInstancesOnly = updateOutdatedInstancesOnly;
        this.fileExistsBehavior = fileExistsBehavior;
        this.targetInstances = targetInstances;
        this.autoRollbackOverride = autoRollbackOverride;
        this.overrideAlarmConfiguration = overrideAlarmConfiguration;
        this.blueGreen = group.blueGreen();
        this.trafficControl = group.trafficControl();
    }

    public String id() {
        return id;
    }

    public String status() {
        return status;
    }

    public DeploymentGroup group() {
        return group;
    }

    public String creator() {
        return creator;
    }

    public RevisionLocation revision() {
        return revision;
    }

    public Map<String, DeploymentTarget> targets() {
        return targets;
    }

    public String errorCode() {
        return errorCode;
    }

    public String rollbackDeploymentId() {
        return rollbackDeploymentId;
    }

    public String rollbackTriggeringDeploymentId() {
        return rollbackTriggeringDeploymentId;
    }

    /** Not finished: Created, Queued, InProgress, Baking or Ready. */
    public boolean active() {
        return !(status.equals("Succeeded") || status.equals("Failed") || status.equals("Stopped"));
    }

    /** Started: the targets exist (ListDeploymentTargets answers). */
    boolean started() {
        return !(status.equals("Created") || status.equals("Queued"));
    }

    /** The auto rollback configuration in force: the deployment's override, else the group's. */
    AutoRollbackConfiguration autoRollback() {
        return autoRollbackOverride != null ? autoRollbackOverride : group.autoRollbackConfiguration;
    }

    boolean rollsBackOn(String event) {
        AutoRollbackConfiguration configuration = autoRollback();
        return configuration != null && Boolean.TRUE.equals(configuration.enabled())
                && configuration.eventsAsStrings().contains(event);
    }

    long count(String targetStatus) {
        return targets.values().stream().filter(t -> t.status.equals(targetStatus)).count();
    }
}
