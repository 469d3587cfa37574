package io.jenkins.plugins.awsrollout.sim.autoscaling;

import java.time.Instant;

/** An instance as its Auto Scaling group sees it. */
public final class GroupMember {
    final String instanceId;
    final String launchTemplateId;
    final String launchTemplateName;
    /** The launch template version launched from, as a number (null for launch configurations). */
    final String launchTemplateVersion;
    final String launchConfigurationName;
    final String imageId;
    final String instanceType;
    final String availabilityZone;
    final Instant launchedAt;
    String lifecycleState = "Pending";
    String healthStatus = "Healthy";
    boolean protectedFromScaleIn;
    Instant inServiceAt;
    Activity launchActivity;
    Activity terminateActivity;
    String unhealthyCause;
    boolean wakeScheduled;
    /** Lifecycle hooks this instance waits on (Pending:Wait or Terminating:Wait), and until when. */
    final java.util.Set<String> waitingHooks = new java.util.LinkedHashSet<>();
    Instant hookDeadline;
    String hookToken;
    Runnable afterTerminatingHooks;

    GroupMember(String instanceId, String launchTemplateId, String launchTemplateName, String launchTemplateVersion,
            String launchConfigurationName, String imageId, String instanceType, String availabilityZone, Instant launchedAt) {
        this.instanceId = instanceId;
        this.launchTemplateId = launchTemplateId;
        this.launchTemplateName = launchTemplateName;
        this.launchTemplateVersion = launchTemplateVersion;
        this.launchConfigurationName = launchConfigurationName;
        this.imageId = imageId;
        this.instanceType = instanceType;
        this.availabilityZone = availabilityZone;
        this.launchedAt = launchedAt;
    }

    public String instanceId() {
        return instanceId;
    }

    public String lifecycleState() {
        return lifecycleState;
    }

    public String healthStatus() {
        return healthStatus;
    }

    public boolean protectedFromScaleIn() {
        return protectedFromScaleIn;
    }

    public String launchTemplateId() {
        return launchTemplateId;
    }

    public String launchTemplateVersion() {
        return launchTemplateVersion;
    }

    public String launchConfigurationName() {
        return launchConfigurationName;
    }

    public String imageId() {
        return imageId;
    }

    /** Counts toward capacity: Pending or InService. */
    boolean counting() {
        return lifecycleState.startsWith("Pending") || lifecycleState.equals("InService");
    }

    /** Terminating, Terminating:Wait or Terminating:Proceed. */
    boolean terminating() {
        return lifecycleState.startsWith("Terminating");
    }
}
