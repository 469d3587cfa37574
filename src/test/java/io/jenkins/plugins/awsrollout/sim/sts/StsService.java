package io.jenkins.plugins.awsrollout.sim.sts;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.QueryWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** STS (2011-06-15, query protocol). */
public final class StsService {
    private StsService() {}

    public static SimService create(Cloud cloud) {
        return SimService.form("sts", "2011-06-15", new QueryWire("https://sts.amazonaws.com/doc/2011-06-15/"), new StsActions(cloud));
    }
}
