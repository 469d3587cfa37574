package io.jenkins.plugins.awsrollout.steps;

import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;

/** Worlds for the awsCodeDeploy tests. */
final class CodeDeployWorlds {

    static final String APPSPEC = "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /opt/web\nhooks:\n"
            + "  ApplicationStart:\n    - location: scripts/start.sh\n  ValidateService:\n    - location: scripts/validate.sh\n";
    static final String BROKEN = APPSPEC + "# sim-fail:ValidateService\n";

    private CodeDeployWorlds() {}

    /**
     * Group {@code web} of {@code size} instances behind {@code web-tg}; bucket {@code deploy-bundles} (versioned) with
     * {@code web/1.0.zip}, {@code web/2.0.zip} and {@code web/broken.zip} (its ValidateService fails); application
     * {@code web-app} with the in-place group {@code web-dg} (HalfAtATime, traffic control, rollback on failure and on
     * stop, last good revision web/1.0.zip). Hooks take 5 s.
     */
    static World.Builder inPlace(int size) {
        return base(size).codeDeploy(cd -> cd.timings(t -> t.withHook(Duration.ofSeconds(5)))
                .application("web-app", a -> a.deploymentGroup("web-dg", CodeDeployWorlds::webDg)));
    }

    /**
     * {@link #inPlace} plus group {@code web-green} of {@code size} instances and the blue/green group {@code web-bg}
     * (discovers existing instances, ready action {@code readyAction}, originals kept).
     */
    static World.Builder blueGreen(int size, String readyAction) {
        return base(size)
                .autoScalingGroup("web-green", g -> g.launchTemplate("web-lt").launchTemplateVersion("2").instances(size))
                .codeDeploy(cd -> cd.timings(t -> t.withHook(Duration.ofSeconds(5)))
                        .application("web-app", a -> a.deploymentGroup("web-dg", CodeDeployWorlds::webDg)
                                .deploymentGroup("web-bg", g -> g.autoScalingGroups("web").targetGroups("web-tg")
                                        .deploymentType("BLUE_GREEN").deploymentConfig("CodeDeployDefault.HalfAtATime")
                                        .blueGreen(bg -> bg.greenFleet("DISCOVER_EXISTING").readyAction(readyAction)
                                                .readyWaitMinutes(60).blueAction("KEEP_ALIVE")))));
    }

    private static World.Builder base(int size) {
        return Fixtures.web(size).s3Bucket("deploy-bundles", b -> b.versioned(true)
                .object("web/1.0.zip", APPSPEC + "# 1.0\n")
                .object("web/2.0.zip", APPSPEC + "# 2.0\n")
                .object("web/broken.zip", BROKEN));
    }

    private static void webDg(io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeploySeed.GroupSeed g) {
        g.autoScalingGroups("web").targetGroups("web-tg").deploymentConfig("CodeDeployDefault.HalfAtATime")
                .autoRollback("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST")
                .deployedRevision("deploy-bundles", "web/1.0.zip");
    }
}
