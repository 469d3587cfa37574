package io.jenkins.plugins.awsrollout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({"0, 0s", "45, 45s", "60, 1m", "250, 4m10s", "605, 10m05s", "3600, 1h00m", "3725, 1h02m", "90000, 25h00m"})
    void of_printsTheWayLogLinesDo(long seconds, String expected) {
        assertThat(HumanDuration.of(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
