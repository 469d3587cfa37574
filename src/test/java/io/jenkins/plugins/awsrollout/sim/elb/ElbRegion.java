package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;

/** One region's load balancers: ELBv2 target groups and load balancers, classic load balancers. */
public final class ElbRegion {
    private final Cloud cloud;
    private final CloudRegion region;

    public ElbRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }
}
