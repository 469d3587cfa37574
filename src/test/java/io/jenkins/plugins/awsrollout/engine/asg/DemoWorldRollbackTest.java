package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rollback of issue 14 as a new user met it: the demo world's group of 6, an image whose instances never get healthy. */
class DemoWorldRollbackTest {

    static final Path DEMO = Path.of(System.getProperty("project.root", ".."), "docs", "examples", "demo-world.json");

    /** Issue 14: the failed launch-first batch of a group of 6 used to leave it at desired 9, and the DONE line said version 2. */
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

            String log = String.join("\n", h.log);
            assertThat(h.group().desiredCapacity()).as(log).isEqualTo(6);
            assertThat(h.group().maxSize()).isEqualTo(12);
            assertThat(h.group().launchTemplateVersion()).isEqualTo("1");
            assertThat(h.group().instances("InService")).hasSize(6).allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
            assertThat(h.group().instances()).allSatisfy(i -> assertThat(i.launchTemplateVersion().equals("1")
                    || i.lifecycleState().startsWith("Terminating")).isTrue());
            assertThat(h.aws.sim().capacity("web").minHealthy()).isEqualTo(6);
            assertThat(log).contains("launched by the rollout and not healthy; desired capacity of web back to 6",
                    "DONE web RolledBack in ", ": web runs launch template version 1 again (version 2 rolled back); 6 of 6 instances "
                    + "in service run it; 0 replaced, 0 restored.");
        }
    }
}
