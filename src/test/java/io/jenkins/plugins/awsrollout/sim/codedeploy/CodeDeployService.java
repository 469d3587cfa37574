package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudListener;
import io.jenkins.plugins.awsrollout.sim.protocol.JsonWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** CodeDeploy (2014-10-06, JSON 1.1, {@code X-Amz-Target: CodeDeploy_20141006.<Operation>}). */
public final class CodeDeployService {
    public static final String TARGET_PREFIX = "CodeDeploy_20141006";

    private CodeDeployService() {}

    public static SimService create(Cloud cloud) {
        return SimService.json("codedeploy", new JsonWire(TARGET_PREFIX), new ApplicationActions(cloud),
                new DeploymentActions(cloud), new DeploymentTargetActions(cloud), new LegacyInstanceActions(cloud),
                new RevisionListActions(cloud));
    }

    /** The listener that deploys to instances launched by the deployment groups' Auto Scaling groups. */
    public static CloudListener autoScalingDeployments(Cloud cloud) {
        return AutoScalingDeployments.listener(cloud);
    }
}
