package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rollback of issue 14 as a new user met it: the demo world's group of 6, an image whose instances never get healthy. */
class DemoWorldRollbackTest {

    static final Path DEMO = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "demo-world.json");

    @Test
    void unhealthyImage_launchFirst_putsTheGroupBackAtDesiredSix() throws Exception {
        try (RolloutHarness h = new RolloutHarness(World.fromFile(DEMO), 6,
                AsgRolloutRequest.builder("web").strategy("rolling").minHealthyPercentage(100).maxHealthyPercentage(150), null)) {
            String instance = h.inServiceIds().get(0);
            String image = h.aws.session(h.aws.sim().region()).ec2().createImage(r -> r.instanceId(instance).name("web-bad")).imageId();
            h.aws.clock().advance(Duration.ofMinutes(5));
            h.failHealthChecksOfNewLaunches();
            h.begin(image);
            h.runToEnd();
            System.out.println(String.join("\n", h.log));
            assertThat(h.group().desiredCapacity()).isEqualTo(6);
        }
    }
}
