package io.jenkins.plugins.awsrollout.sim.ssm;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.JsonWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** SSM Run Command (JSON 1.1, {@code X-Amz-Target: AmazonSSM.<Operation>}). */
public final class SsmService {
    public static final String TARGET_PREFIX = "AmazonSSM";

    private SsmService() {}

    public static SimService create(Cloud cloud) {
        return SimService.json("ssm", new JsonWire(TARGET_PREFIX), new SsmActions(cloud));
    }
}
