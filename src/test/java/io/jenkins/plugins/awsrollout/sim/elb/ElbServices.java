package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.QueryWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** Classic ELB (2012-06-01) and ELBv2 (2015-12-01): one signing name, told apart by Version. */
public final class ElbServices {
    private ElbServices() {}

    public static SimService classic(Cloud cloud) {
        return SimService.form("elb", "2012-06-01",
                new QueryWire("http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"), new ClassicElbActions(cloud),
                new ClassicElbAttributeActions(cloud));
    }

    public static SimService v2(Cloud cloud) {
        return SimService.form("elbv2", "2015-12-01",
                new QueryWire("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"), new ElbV2Actions(cloud),
                new ElbV2TagActions(cloud));
    }
}
