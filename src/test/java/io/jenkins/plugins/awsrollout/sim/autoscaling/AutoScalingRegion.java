package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;

/** One region's Auto Scaling groups. */
public final class AutoScalingRegion {
    private final Cloud cloud;
    private final CloudRegion region;

    public AutoScalingRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** The capacity history of a group (kept after the group is deleted). */
    public io.jenkins.plugins.awsrollout.sim.CapacityHistory history(String groupName) {
        return histories.computeIfAbsent(groupName, n -> new io.jenkins.plugins.awsrollout.sim.CapacityHistory());
    }

    private final java.util.Map<String, io.jenkins.plugins.awsrollout.sim.CapacityHistory> histories = new java.util.HashMap<>();
}
