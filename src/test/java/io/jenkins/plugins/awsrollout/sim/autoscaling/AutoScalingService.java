package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.QueryWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** Auto Scaling (2011-01-01, query protocol). */
public final class AutoScalingService {
    private AutoScalingService() {}

    public static SimService create(Cloud cloud) {
        return SimService.form("autoscaling", "2011-01-01", new QueryWire("http://autoscaling.amazonaws.com/doc/2011-01-01/"),
                new AutoScalingGroupActions(cloud), new AutoScalingInstanceActions(cloud), new InstanceRefreshActions(cloud),
                new LifecycleHookActions(cloud), new AutoScalingTagActions(cloud),
                new ScalingRuleActions(cloud));
    }
}
