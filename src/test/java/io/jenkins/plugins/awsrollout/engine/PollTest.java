package io.jenkins.plugins.awsrollout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PollTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private final SplittableRandom random = new SplittableRandom(1);

    /** Five quiet polls: the backoff is at 5 × 1.5^5 ≈ 38 s. */
    private final Poll quiet = Poll.start(new Backoff(Duration.ofSeconds(5), 1.5, Duration.ofMinutes(1), 0))
            .observe("a").observe("a").observe("a").observe("a").observe("a").observe("a");

    @Test
    void nextDelay_withNothingDue_isTheBackoff() {
        assertThat(quiet.nextDelay(random, NOW, null)).isEqualTo(quiet.nextDelay(random));
        assertThat(quiet.nextDelay(random)).isEqualTo(Duration.ofMillis(37_969));
    }

    @Test
    void nextDelay_beforeTheDueMoment_landsOnItInsteadOfPassingIt() {
        assertThat(quiet.nextDelay(random, NOW, NOW.plusSeconds(12))).isEqualTo(Duration.ofSeconds(12));
        assertThat(quiet.nextDelay(random, NOW, NOW.plusSeconds(90))).isEqualTo(Duration.ofMillis(37_969));
    }

    @Test
    void nextDelay_afterTheDueMoment_pollsSoonThenBacksOffByHalfTheTimeSinceIt() {
        assertThat(quiet.nextDelay(random, NOW, NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(quiet.nextDelay(random, NOW, NOW.minusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(quiet.nextDelay(random, NOW, NOW.minusSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(quiet.nextDelay(random, NOW, NOW.minusSeconds(600))).isEqualTo(Duration.ofMillis(37_969));
    }

    @Test
    void nextDelay_afterTheDueMoment_neverPollsFasterThanAFifthOfThePollInterval() {
        Poll slow = Poll.start(new Backoff(Duration.ofSeconds(30), 1.5, Duration.ofMinutes(5), 0)).observe("a").observe("a");

        assertThat(slow.nextDelay(random, NOW, NOW)).isEqualTo(Duration.ofSeconds(6));
    }
}
