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
