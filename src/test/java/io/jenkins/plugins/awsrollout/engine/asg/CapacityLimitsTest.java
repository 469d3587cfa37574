package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapacityLimitsTest {

    @ParameterizedTest
    @CsvSource({
        // desired, min%, max%, floor, ceiling
        "10, 90, 100, 9, 10",
        "10, 95, 100, 10, 10",
        "3, 90, 100, 3, 3",
        "3, 50, 150, 2, 4",
        "7, 100, 110, 7, 7",
        "7, 100, 200, 7, 14",
        "0, 90, 200, 0, 0",
        "1, 0, 100, 0, 1"})
    void of_roundsTheFloorUpAndTheCeilingDown(int desired, int min, int max, int floor, int ceiling) {
        CapacityLimits limits = CapacityLimits.of(desired, min, max);

        assertThat(limits.floor()).isEqualTo(floor);
        assertThat(limits.ceiling()).isEqualTo(ceiling);
    }

    @ParameterizedTest
    @CsvSource({
        // desired, min%, floor, ceiling, the percentage an instance refresh gets
        "0, 100, 0, 0, 100",
        "1, 100, 1, 2, 200",
        "2, 100, 2, 3, 150",
        "3, 100, 3, 4, 134",
        "4, 100, 4, 5, 125",
        "6, 100, 6, 8, 134",
        "37, 100, 37, 47, 128",
        "100, 100, 100, 125, 125",
        "1000, 100, 1000, 1250, 125",
        "1001, 100, 1001, 1251, 125",
        "10, 50, 5, 13, 130",
        "10, 0, 0, 10, 100"})
    void of_automaticCeiling_addsAQuarterRoundedUpAtLeastOneAndNeverDeadlocks(int desired, int min, int floor, int ceiling,
            int percentage) {
        CapacityLimits limits = CapacityLimits.of(desired, min, AsgRolloutRequest.AUTOMATIC_MAX_HEALTHY_PERCENTAGE);

        assertThat(limits.floor()).isEqualTo(floor);
        assertThat(limits.ceiling()).isEqualTo(ceiling);
        assertThat(limits.maxHealthyPercentage()).isEqualTo(percentage);
        assertThat(limits.maxHealthyPercentage() - min).isLessThanOrEqualTo(100);
        // The percentage gives the ceiling the way an instance refresh rounds it (down).
        assertThat((int) Math.floor(desired * limits.maxHealthyPercentage() / 100.0)).isEqualTo(ceiling);
        assertThat(limits.deadlock("web")).isEmpty();
    }

    @Test
    void automaticCeiling_forEveryGroupUpToTenThousand_leavesRoomAndStaysWithinTwiceTheGroup() {
        for (int desired = 1; desired <= 10_000; desired++) {
            CapacityLimits limits = CapacityLimits.of(desired, 100, AsgRolloutRequest.AUTOMATIC_MAX_HEALTHY_PERCENTAGE);
            assertThat(limits.surge()).as("surge of " + desired).isBetween(1, desired);
            assertThat(limits.ceiling()).as("ceiling of " + desired).isLessThanOrEqualTo(CapacityLimits.automaticCeiling(desired))
                    .isEqualTo((int) Math.floor(desired * limits.maxHealthyPercentage() / 100.0));
            assertThat(limits.maxHealthyPercentage()).isBetween(101, 200);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2, 90, 100, 'set maxHealthyPercentage to at least 150', 'minHealthyPercentage to at most 50'",
        "1, 90, 100, 'set maxHealthyPercentage to at least 200', 'minHealthyPercentage to at most 0'",
        "7, 100, 110, 'set maxHealthyPercentage to at least 115', 'minHealthyPercentage to at most 85'"})
    void deadlock_whenNeitherFloorNorCeilingLeaveRoom_namesTheNumbersAndTheWayOut(int desired, int min, int max, String raise,
            String lower) {
        Optional<String> deadlock = CapacityLimits.of(desired, min, max).deadlock("web");

        assertThat(deadlock).hasValueSatisfying(sentence -> assertThat(sentence)
                .contains("Keeping " + CapacityLimits.of(desired, min, max).floor() + " of " + desired + " instances of web healthy")
                .contains(raise).contains(lower));
        // Following the advice unblocks it.
        String neededMax = raise.replaceAll("\\D", "");
        assertThat(CapacityLimits.of(desired, min, Integer.parseInt(neededMax)).deadlock("web")).isEmpty();
    }

    @Test
    void deadlock_forAnEmptyGroupOrWithRoom_isNone() {
        assertThat(CapacityLimits.of(0, 100, 100).deadlock("web")).isEmpty();
        assertThat(CapacityLimits.of(10, 90, 100).deadlock("web")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'', 10, 2147483647",
        "2, 10, 2",
        "25%, 10, 3",
        "25%, 2, 1",
        "100%, 7, 7",
        "' 3 ', 10, 3"})
    void batchSize_limit(String text, int desired, int limit) {
        assertThat(BatchSize.parse(text).orElseThrow().limit(desired)).isEqualTo(limit);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "101%", "0%", "two", "2.5", "%"})
    void batchSize_parse_rejectsNonsense(String text) {
        assertThat(BatchSize.parse(text)).isEmpty();
    }
}
