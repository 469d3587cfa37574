package io.jenkins.plugins.awsrollout.engine.asg;

import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V1;
import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPlanTest {

    @ParameterizedTest
    @CsvSource({
        // desired, min%, max%, batch size, batches, largest
        "10, 90, 100, '', 10, 1",
        "10, 50, 100, '', 2, 5",
        "10, 100, 200, '', 1, 10",
        "10, 90, 110, '', 5, 2",
        "10, 50, 150, 3, 4, 3",
        "6, 0, 100, '', 1, 6"})
    void of_cutsTheOutOfDateInstancesIntoBatchesBetweenFloorAndCeiling(int desired, int min, int max, String batchSize,
            int batches, int largest) {
        Fleet fleet = TestFleets.desired(desired).healthy(desired, "i-old", V1).build();

        RolloutPlan plan = RolloutPlan.of(fleet, m -> !m.runs(V2), CapacityLimits.of(desired, min, max),
                BatchSize.parse(batchSize).orElseThrow(), ProtectedInstances.REFRESH, StandbyInstances.TERMINATE,
                Duration.ZERO, Duration.ZERO);

        assertThat(plan.toReplace()).hasSize(desired);
        assertThat(plan.batches()).hasSize(batches);
        assertThat(plan.batches().stream().mapToInt(java.util.List::size).max().orElse(0)).isEqualTo(largest);
    }

    @Test
    void of_estimatesBootAndWarmupPerBatch_theDrainOverlapping() {
        Fleet fleet = TestFleets.desired(4).healthy(4, "i-old", V1).build();

        RolloutPlan plan = RolloutPlan.of(fleet, m -> true, CapacityLimits.of(4, 50, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE, Duration.ofSeconds(60), Duration.ofSeconds(30));

        assertThat(plan.batches()).hasSize(2);
        assertThat(plan.estimatedDuration()).isEqualTo(RolloutPlan.BOOT_AND_HEALTH.plusSeconds(60).multipliedBy(2));
        assertThat(plan.summary()).startsWith("4 instances to replace in 2 batches of up to 2 (floor 2 of 4, at most 4 in service)");
    }

    @Test
    void of_sortsProtectedAndStandbyInstancesByBehaviour() {
        Fleet fleet = TestFleets.desired(3).healthy(2, "i-old", V1)
                .member("i-protected", "us-east-1c", "InService", V1, FleetMember.Traffic.HEALTHY, true)
                .member("i-standby", "us-east-1c", "Standby", V1, FleetMember.Traffic.NOT_REGISTERED, false)
                .build();

        RolloutPlan ignore = RolloutPlan.of(fleet, m -> true, CapacityLimits.of(3, 0, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.IGNORE, StandbyInstances.TERMINATE, Duration.ZERO, Duration.ZERO);
        RolloutPlan wait = RolloutPlan.of(fleet, m -> true, CapacityLimits.of(3, 0, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.WAIT, StandbyInstances.WAIT, Duration.ZERO, Duration.ZERO);

        assertThat(ignore.skipped()).containsExactly("i-protected");
        assertThat(ignore.standbyToTerminate()).containsExactly("i-standby");
        assertThat(ignore.toReplace()).containsExactlyInAnyOrder("i-old-1", "i-old-2");
        assertThat(wait.held()).containsExactlyInAnyOrder("i-protected", "i-standby");
    }
}
