package io.jenkins.plugins.awsrollout.sim.ec2;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.SimState.InstanceView;
import io.jenkins.plugins.awsrollout.sim.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class UserDataTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(30)).withStop(Duration.ofSeconds(10))).build(), clock);
        ec2 = SimClients.of(sim).ec2();
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private String launch(String script) {
        String userData = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        return ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(1).maxCount(1).userData(userData))
                .instances().get(0).instanceId();
    }

    private String console(String id) {
        return new String(Base64.getDecoder().decode(ec2.getConsoleOutput(r -> r.instanceId(id)).output()), StandardCharsets.UTF_8);
    }

    @Test
    void userDataRunsAtBootTakingItsSimulatedTime() {
        String id = launch("#!/bin/bash\necho provisioning\nsleep 120\necho BAKE-OK\n");
        clock.advance(Duration.ofSeconds(30));

        assertThat(console(id)).contains("provisioning").doesNotContain("BAKE-OK");
        assertThat(sim.state().instance(id).userDataStatus()).isEqualTo(Instance.UserDataStatus.RUNNING);
        clock.advance(Duration.ofSeconds(120));
        assertThat(console(id)).contains("BAKE-OK");
        assertThat(sim.state().instance(id).userDataStatus()).isEqualTo(Instance.UserDataStatus.SUCCEEDED);
    }

    @Test
    void failingUserDataStopsItsScriptReportsThroughTheTrapAndLeavesTheInstanceRunning() {
        String id = launch("#!/bin/bash\ntrap 'echo \"BAKE-FAILED exit=$?\"' ERR\necho step 1\n# sim: fail npm ERR! network timeout\necho never\n");
        clock.advance(Duration.ofSeconds(30));

        InstanceView instance = sim.state().instance(id);
        assertThat(instance.state()).isEqualTo("running");
        assertThat(instance.userDataStatus()).isEqualTo(Instance.UserDataStatus.FAILED);
        assertThat(instance.userDataExitCode()).isEqualTo(1);
        assertThat(console(id)).contains("step 1", "npm ERR! network timeout", "BAKE-FAILED exit=1").doesNotContain("never");
    }

    @Test
    void poweroffInUserDataStopsTheInstance() throws Exception {
        String id = launch("#!/bin/bash\necho done\npoweroff\n");

        try (AutoCloseable ticking = Fixtures.ticking(clock, Duration.ofSeconds(2))) {
            ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(id), Fixtures.fastWaiter());
        }
        assertThat(sim.state().instance(id).state()).isEqualTo("stopped");
        assertThat(ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).stateReason().code())
                .isEqualTo("Client.InstanceInitiatedShutdown");
    }

    @Test
    void imagesOfAnInstanceMarkedUnhealthyByItsUserDataAreUnhealthy() {
        String id = launch("#!/bin/bash\n# sim: unhealthy\n");
        clock.advance(Duration.ofSeconds(30));

        String imageId = ec2.createImage(r -> r.instanceId(id).name("broken")).imageId();

        assertThat(sim.state().image(imageId).unhealthy()).isTrue();
    }
}
