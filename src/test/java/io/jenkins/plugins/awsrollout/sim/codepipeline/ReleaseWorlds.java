package io.jenkins.plugins.awsrollout.sim.codepipeline;

import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A release world for CodePipeline tests: group {@code web} of {@code size} and group {@code web-staging} of 2, bucket
 * {@code deploy-bundles} with {@code web/1.0.zip}, {@code web/2.0.zip} and {@code web/broken.zip} (its ValidateService
 * fails), application {@code web-app} with deployment groups {@code web-dg} and {@code web-staging-dg}, and the V2
 * pipeline {@code web-release}: Source (S3, web/2.0.zip) → Deploy-Staging (CodeDeploy) → Approve (manual) →
 * Deploy-Prod (CodeDeploy), with the variable {@code VERSION} (default 2.0).
 */
public final class ReleaseWorlds {
    public static final String APPSPEC = "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /opt/web\nhooks:\n"
            + "  ApplicationStart:\n    - location: scripts/start.sh\n  ValidateService:\n    - location: scripts/validate.sh\n";

    private ReleaseWorlds() {}

    public static World.Builder release(int size) {
        return release(size, "web/2.0.zip", p -> {});
    }

    /** The release world whose source is {@code key}; {@code adjust} may change the pipeline further. */
    public static World.Builder release(int size, String key, Consumer<CodePipelineSeed.PipelineSeed> adjust) {
        return Fixtures.web(size)
                .autoScalingGroup("web-staging", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(2)
                        .minSize(1).maxSize(4))
                .s3Bucket("deploy-bundles", b -> b.versioned(true)
                        .object("web/1.0.zip", APPSPEC + "# 1.0\n")
                        .object("web/2.0.zip", APPSPEC + "# 2.0\n")
                        .object("web/broken.zip", APPSPEC + "# sim-fail:ValidateService\n"))
                .codeDeploy(cd -> cd.timings(t -> t.withHook(Duration.ofSeconds(5)))
                        .application("web-app", a -> a
                                .deploymentGroup("web-dg", g -> g.autoScalingGroups("web").deploymentConfig("CodeDeployDefault.HalfAtATime")
                                        .deployedRevision("deploy-bundles", "web/1.0.zip"))
                                .deploymentGroup("web-staging-dg", g -> g.autoScalingGroups("web-staging")
                                        .deploymentConfig("CodeDeployDefault.AllAtOnce")
                                        .deployedRevision("deploy-bundles", "web/1.0.zip"))))
                .codePipeline(cp -> cp.pipeline("web-release", p -> {
                    p.variable("VERSION", "2.0")
                            .stage("Source", s -> s.s3Source("Source", "deploy-bundles", key, "SourceOutput"))
                            .stage("Deploy-Staging", s -> s.codeDeploy("Deploy", "web-app", "web-staging-dg", "SourceOutput"))
                            .stage("Approve", s -> s.approval("Approve"))
                            .stage("Deploy-Prod", s -> s.codeDeploy("Deploy", "web-app", "web-dg", "SourceOutput"));
                    adjust.accept(p);
                }));
    }
}
