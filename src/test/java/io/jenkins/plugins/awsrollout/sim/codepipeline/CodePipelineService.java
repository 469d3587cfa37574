package io.jenkins.plugins.awsrollout.sim.codepipeline;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.JsonWire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** CodePipeline (2015-07-09, JSON 1.1, {@code X-Amz-Target: CodePipeline_20150709.<Operation>}). */
public final class CodePipelineService {
    public static final String TARGET_PREFIX = "CodePipeline_20150709";

    private CodePipelineService() {}

    public static SimService create(Cloud cloud) {
        return SimService.json("codepipeline", new JsonWire(TARGET_PREFIX), new PipelineActions(cloud));
    }
}
