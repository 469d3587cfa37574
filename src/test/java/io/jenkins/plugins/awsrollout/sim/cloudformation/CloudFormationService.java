package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.QueryWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** CloudFormation (2010-05-15, query protocol). */
public final class CloudFormationService {
    private CloudFormationService() {}

    public static SimService create(Cloud cloud) {
        return SimService.form("cloudformation", "2010-05-15", new QueryWire("http://cloudformation.amazonaws.com/doc/2010-05-15/"),
                new StackActions(cloud), new ChangeSetActions(cloud));
    }
}
