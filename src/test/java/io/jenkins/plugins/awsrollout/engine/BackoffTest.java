package io.jenkins.plugins.awsrollout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @ParameterizedTest
    @CsvSource({"0, 1000", "1, 2000", "2, 4000", "3, 8000", "4, 10000", "60, 10000"})
    void delay_withoutJitter_growsGeometricallyUpToTheCap(int attempt, long expectedMillis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0);

        assertThat(backoff.delay(attempt, new SplittableRandom(1))).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void delay_withJitter_staysWithinTheSpreadAndUnderTheCap() {
        Backoff backoff = Backoff.polling(Duration.ofSeconds(10), Duration.ofSeconds(60));
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(0, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(backoff.delay(20, random)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(60));
        }
    }

    @Test
    void constructor_rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2, Duration.ofSeconds(1), 0))
                .hasMessageContaining("initial must be positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 0))
                .hasMessageContaining("factor must be at least 1");
    }

    @Test
    void poll_resetsOnChangeAndLengthensWhileQuiet() {
        Poll poll = Poll.start(new Backoff(Duration.ofSeconds(5), 2, Duration.ofMinutes(1), 0));
        SplittableRandom random = new SplittableRandom(1);

        Poll quiet = poll.observe("3/10").observe("3/10").observe("3/10");
        Poll changed = quiet.observe("4/10");

        assertThat(quiet.nextDelay(random)).isEqualTo(Duration.ofSeconds(20));
        assertThat(changed.nextDelay(random)).isEqualTo(Duration.ofSeconds(5));
    }
}
