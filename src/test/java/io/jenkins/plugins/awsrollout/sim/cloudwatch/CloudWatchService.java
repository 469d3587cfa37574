package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.QueryWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** CloudWatch (2010-08-01, query protocol; signing name {@code monitoring}): metric alarms. */
public final class CloudWatchService {
    private CloudWatchService() {}

    public static SimService create(Cloud cloud) {
        return SimService.form("cloudwatch", "2010-08-01", new QueryWire("http://monitoring.amazonaws.com/doc/2010-08-01/"),
                new CloudWatchActions(cloud));
    }
}
