package io.jenkins.plugins.awsrollout.sim.ec2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

/** An EC2 instance. State changes go through {@link Ec2Region} so that listeners hear of them. */
public final class Instance implements Tagged {
    /** User data progress: none (no user data), running, succeeded, failed. */
    public enum UserDataStatus { NONE, RUNNING, SUCCEEDED, FAILED }

    final String id;
    final String region;
    final String reservationId;
    final LaunchSpec spec;
    final Instant launchTime;
    final String availabilityZone;
    final String subnetId;
    final String vpcId;
    final String privateIp;
    final String rootVolumeId;
    final int launchIndex;
    final Map<String, String> tags = new LinkedHashMap<>();
    final StringBuilder console = new StringBuilder();
    String state = "pending";
    String stateReasonCode;
    String stateReasonMessage;
    String transitionReason = "";
    Instant statusOkAt;
    int epoch;
    boolean markedUnhealthy;
    boolean imageUnhealthy;
    UserDataStatus userDataStatus = UserDataStatus.NONE;
    int userDataExitCode;

    Instance(String id, String region, String reservationId, LaunchSpec spec, Instant launchTime, String availabilityZone,
            String subnetId, String vpcId, String privateIp, String rootVolumeId, int launchIndex) {
        this.id = id;
        this.region = region;
        this.reservationId = reservationId;
        this.spec = spec;
        this.launchTime = launchTime;
        this.availabilityZone = availabilityZone;
        this.subnetId = subnetId;
        this.vpcId = vpcId;
        this.privateIp = privateIp;
        this.rootVolumeId = rootVolumeId;
        this.launchIndex = launchIndex;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "instance";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String region() {
        return region;
    }

    public String state() {
        return state;
    }

    public int stateCode() {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
    }

    public boolean running() {
        return state.equals("running");
    }

    /** Gone or going: shutting-down or terminated. */
    public boolean terminatedOrGoing() {
        return state.equals("terminated") || state.equals("shutting-down");
    }

    public String imageId() {
        return spec.imageId();
    }

    public String instanceType() {
        return spec.instanceType();
    }

    public String availabilityZone() {
        return availabilityZone;
    }

    public String subnetId() {
        return subnetId;
    }

    public String vpcId() {
        return vpcId;
    }

    public String privateIp() {
        return privateIp;
    }

    public String reservationId() {
        return reservationId;
    }

    public Instant launchTime() {
        return launchTime;
    }

    public LaunchSpec spec() {
        return spec;
    }

    public List<String> securityGroupIds() {
        return spec.securityGroupIds();
    }

    public String launchTemplateId() {
        return spec.launchTemplateId();
    }

    public String launchTemplateName() {
        return spec.launchTemplateName();
    }

    /** The launch template version the instance was launched from, resolved to a number (or null). */
    public String launchTemplateVersion() {
        return spec.launchTemplateVersion();
    }

    public String stateReasonCode() {
        return stateReasonCode;
    }

    public String stateReasonMessage() {
        return stateReasonMessage;
    }

    public String transitionReason() {
        return transitionReason;
    }

    public String rootVolumeId() {
        return rootVolumeId;
    }

    public int launchIndex() {
        return launchIndex;
    }

    public InstanceMetadataOptionsResponse metadataOptions() {
        return spec.metadataOptions();
    }

    /** Everything written to the serial console so far. */
    public String consoleOutput() {
        return console.toString();
    }

    public UserDataStatus userDataStatus() {
        return userDataStatus;
    }

    public int userDataExitCode() {
        return userDataExitCode;
    }

    /** True when health checks fail: marked unhealthy, or launched from an unhealthy AMI. */
    public boolean failsHealthChecks() {
        return markedUnhealthy || imageUnhealthy;
    }

    /** Running and passing health checks: what a load balancer health check sees. */
    public boolean passesHealthChecks() {
        return running() && !failsHealthChecks();
    }

    /** EC2 instance status: initializing, ok, impaired, or not-applicable when not running. */
    public String instanceStatus(Instant now) {
        if (!running()) {
            return "not-applicable";
        }
        if (failsHealthChecks()) {
            return "impaired";
        }
        return statusOkAt != null && now.isBefore(statusOkAt) ? "initializing" : "ok";
    }

    public void markedUnhealthy(boolean value) {
        markedUnhealthy = value;
    }

    public void imageUnhealthy(boolean value) {
        imageUnhealthy = value;
    }

    boolean markedUnhealthy() {
        return markedUnhealthy;
    }
}
