package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.SimState.GroupInstanceView;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code awsAsgRollout autoScalingGroup: G, ami: X} with nothing else: the floor is the whole desired capacity, the
 * ceiling automatic (desired + 25%, rounded up, at least one), the maximum size raised for it and put back. It must
 * succeed on any group without healthy capacity ever going under the desired capacity.
 */
class AwsAsgRolloutDefaultsTest {

    @ParameterizedTest(name = "{0} instances, {1}")
    @CsvSource({
        "1, instanceRefresh, 2, 1",
        "2, instanceRefresh, 3, 2",
        "6, instanceRefresh, 8, 3",
        "37, instanceRefresh, 47, 4",
        "100, instanceRefresh, 125, 4",
        "1000, instanceRefresh, 1250, 4",
        "1, rolling, 2, 1",
        "2, rolling, 3, 2",
        "6, rolling, 8, 3",
        "37, rolling, 47, 4",
        "100, rolling, 125, 4",
    })
    @SuppressWarnings("unchecked")
    void defaults_replaceEveryInstanceWithoutGoingUnderDesired(int size, String strategy, int ceiling, int batches) throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(AsgWorlds.web(size, g -> g.maxSize(size)).build())) {
            AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
            step.setAmi(aws.sim().state().image("base-v2").id());
            if (strategy.equals("rolling")) {
                step.setStrategy(strategy);
            }

            TestStepContext build = aws.run(step);

            assertThat(build.failure()).as(build.log()).isNull();
            assertThat((Map<String, Object>) build.result()).containsEntry("status", "Successful");
            var group = aws.sim().state().group("web");
            assertThat(group.instances("InService")).hasSize(size)
                    .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("3"));
            assertThat(group.desiredCapacity()).isEqualTo(size);
            assertThat(group.maxSize()).as("maximum size put back").isEqualTo(size);
            assertThat(aws.sim().capacity("web").minHealthy()).as("healthy capacity never under desired").isEqualTo(size);
            assertThat(aws.sim().capacity("web").maxInService()).isLessThanOrEqualTo(ceiling);
            assertThat(build.log()).contains("floor " + size + " of " + size + ", at most " + ceiling + " in service, an automatic "
                    + "ceiling of " + size + " + " + (ceiling - size), " in " + batches + " batch",
                    "DONE web Successful", "web runs launch template version 3 (was 1); " + size + " of " + size);
            assertThat(group.instances()).filteredOn(i -> !i.lifecycleState().startsWith("Terminating"))
                    .extracting(GroupInstanceView::launchTemplateVersion).doesNotContain("1");
        }
    }
}
