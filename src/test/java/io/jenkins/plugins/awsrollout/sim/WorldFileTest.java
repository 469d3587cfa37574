package io.jenkins.plugins.awsrollout.sim;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorldFileTest {
    private static final Path DEMO = Path.of(System.getProperty("project.root", "."), "docs/examples/demo-world.json");

    @Test
    void demoWorldStartsWithTheWebGroupRunningAndHealthyBehindBothLoadBalancers() throws IOException {
        try (AwsSimulator sim = AwsSimulator.start(World.fromFile(DEMO), ManualClock.at(T0))) {
            assertThat(sim.accountId()).isEqualTo("123456789012");
            assertThat(sim.state().image("base-al2023-2026.11.01").id()).isEqualTo("ami-0a1b2c3d4e5f60001");
            assertThat(sim.state().group("web").instances("InService")).hasSize(6).allSatisfy(i -> {
                assertThat(i.healthStatus()).isEqualTo("Healthy");
                assertThat(i.launchTemplateVersion()).isEqualTo("1");
            });
            assertThat(sim.state().targetHealth("web-tg").values()).hasSize(6).allSatisfy(s -> assertThat(s.state()).isEqualTo("healthy"));
            assertThat(sim.state().classicHealth("web-elb").values()).hasSize(6)
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo("InService"));
            assertThat(sim.capacity("web").minHealthy()).isEqualTo(6);
            assertThat(sim.cloud().regions()).extracting(CloudRegion::name).containsExactly("us-east-1", "us-west-2", "eu-west-1");
        }
    }

    @Test
    void unknownMembersAreRejectedSoTyposDoNotPassSilently() {
        assertThatThrownBy(() -> WorldFile.parse(new ObjectMapper().readTree("{\"regions\":[\"us-east-1\"],\"autoScalingGroup\":[]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown member 'autoScalingGroup'");
        assertThatThrownBy(() -> WorldFile.parse(new ObjectMapper().readTree("{\"timings\":{\"bootSecs\":1}}")))
                .isInstanceOf(IOException.class).hasMessageContaining("bootSecs");
    }
}
