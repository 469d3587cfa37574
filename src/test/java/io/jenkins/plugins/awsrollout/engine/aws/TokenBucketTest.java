package io.jenkins.plugins.awsrollout.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The controller's pace for one API in one Region, on a virtual clock: nothing here waits. */
class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void fullBucket_grantsOneSecondsWorth_andReservesTheNextRoundForWhenItIsDue() {
        TokenBucket bucket = new TokenBucket(10, T0);

        TokenBucket.Grant first = bucket.take(T0, 25, "a");

        assertThat(first.granted()).isEqualTo(10);
        assertThat(first.retryAt()).isEqualTo(at(1));
        // Coming back early changes nothing: the reserved round is due at 1 s.
        assertThat(bucket.take(at(0.5), 15, "a")).isEqualTo(new TokenBucket.Grant(0, at(1)));
        TokenBucket.Grant second = bucket.take(at(1), 15, "a");
        assertThat(second.granted()).isEqualTo(10);
        // Ten tokens went at 1 s: the next five are free a second later.
        assertThat(second.retryAt()).isEqualTo(at(2));
        // A caller that got all it asked for is not told to come back.
        assertThat(bucket.take(at(2), 5, "a")).isEqualTo(new TokenBucket.Grant(5, null));
    }

    @Test
    void longIdle_burstStaysOneSecondsWorth() {
        TokenBucket bucket = new TokenBucket(10, T0);

        assertThat(bucket.take(at(3600), 1000, "a").granted()).isEqualTo(10);
    }

    @Test
    void givenBack_permitsServeTheNextCaller() {
        TokenBucket bucket = new TokenBucket(10, T0);
        bucket.take(T0, 10, "a");

        bucket.giveBack(T0, 4);

        assertThat(bucket.take(T0, 10, "a").granted()).isEqualTo(4);
    }

    @Test
    void eachServiceAndRegion_hasItsOwnBucket_sharedByEveryCaller() {
        Pacing pacing = new Pacing();
        TokenBucket asgEu = pacing.bucket(PacedService.AUTO_SCALING, "eu-west-1", T0);

        asgEu.take(T0, 10, "build-1");

        assertThat(pacing.bucket(PacedService.AUTO_SCALING, "eu-west-1", T0)).isSameAs(asgEu);
        assertThat(pacing.bucket(PacedService.AUTO_SCALING, "eu-west-1", T0).take(T0, 1, "build-2").granted()).isZero();
        assertThat(pacing.bucket(PacedService.AUTO_SCALING, "us-east-1", T0).take(T0, 10, "build-2").granted()).isEqualTo(10);
        assertThat(pacing.bucket(PacedService.ELB, "eu-west-1", T0).take(T0, 5, "build-2").granted()).isEqualTo(5);
    }

    @Test
    void configure_appliesTheNewRatesToEveryBucket() {
        Pacing pacing = new Pacing();
        TokenBucket asg = pacing.bucket(PacedService.AUTO_SCALING, "eu-west-1", T0);

        pacing.configure(new ApiRates(4, 5));

        assertThat(asg.configured()).isEqualTo(4);
        assertThat(asg.take(T0, 10, "a").granted()).isEqualTo(4);
        assertThat(pacing.bucket(PacedService.AUTO_SCALING, "us-east-1", T0).take(T0, 10, "a").granted()).isEqualTo(4);
    }

    /**
     * Many rollouts terminating at once, each coming back when the bucket told it to (as the engine schedules its next
     * tick): none starves, they finish together, and no second sees more calls than the rate.
     */
    @Test
    void manyCallers_shareThePaceFairly_andNoSecondExceedsTheRate() {
        for (int callers : List.of(2, 7, 10, 40)) {
            TokenBucket bucket = new TokenBucket(10, T0);
            Map<Integer, Integer> left = new HashMap<>();
            Map<Integer, Instant> due = new HashMap<>();
            Map<Integer, Instant> finished = new HashMap<>();
            for (int c = 0; c < callers; c++) {
                left.put(c, 50);
                // They start within the first second, in no particular order.
                due.put(c, T0.plusMillis((c * 37L) % 1000));
            }
            TreeMap<Long, Integer> perSecond = new TreeMap<>();
            while (!due.isEmpty()) {
                int next = due.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                Instant now = due.remove(next);
                TokenBucket.Grant grant = bucket.take(now, left.get(next), next);
                perSecond.merge(now.getEpochSecond(), grant.granted(), Integer::sum);
                left.merge(next, -grant.granted(), Integer::sum);
                if (left.get(next) == 0) {
                    finished.put(next, now);
                } else {
                    due.put(next, grant.retryAt());
                }
            }
            double ideal = callers * 50 / 10.0;
            List<Double> ends = new ArrayList<>(finished.values().stream()
                    .map(end -> Duration.between(T0, end).toMillis() / 1000.0).sorted().toList());
            assertThat(ends.get(ends.size() - 1)).as(callers + " callers: the last finishes near the ideal").isLessThan(ideal * 1.15 + 2);
            assertThat(ends.get(0)).as(callers + " callers: nobody is served far ahead of the others").isGreaterThan(ideal * 0.6 - 2);
            assertThat(perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                    .as(callers + " callers: calls per second").isLessThanOrEqualTo(10);
        }
    }

    @Test
    void throttled_whenAwsRefusesMostCalls_halvesThePaceAtMostOnceASecond_downToATenth_andRecoversAsCallsGetThrough() {
        TokenBucket bucket = new TokenBucket(20, T0);

        bucket.throttled(T0);
        bucket.throttled(at(0.1));
        bucket.throttled(at(0.5));
        assertThat(bucket.rate()).isEqualTo(10);
        for (int s = 1; s <= 10; s++) {
            bucket.throttled(at(s));
            bucket.throttled(at(s + 0.1));
        }
        assertThat(bucket.rate()).isEqualTo(2);

        bucket.succeeded(at(20));
        assertThat(bucket.rate()).isEqualTo(4);
        for (int i = 0; i < 20; i++) {
            bucket.succeeded(at(20));
        }
        assertThat(bucket.rate()).isEqualTo(20);
    }

    @Test
    void throttled_whileMostCallsGetThrough_keepsThePace() {
        TokenBucket bucket = new TokenBucket(10, T0);

        for (int s = 0; s < 10; s++) {
            // Half the calls of every second refused, as when AWS refuses at random rather than for the rate.
            for (int i = 0; i < 5; i++) {
                bucket.throttled(at(s + i * 0.1));
                bucket.succeeded(at(s + i * 0.1 + 0.05));
            }
        }

        assertThat(bucket.rate()).isEqualTo(10);
    }

    @Test
    void throttled_retriesAfterHalfASecond_thenBacksOffWhileAwsRefusesEverything() {
        TokenBucket bucket = new TokenBucket(10, T0);
        List<Duration> delays = new ArrayList<>();

        for (int i = 0; i < 14; i++) {
            delays.add(Duration.between(T0, bucket.throttled(T0)));
        }
        bucket.succeeded(T0);

        assertThat(delays).extracting(Duration::toMillis)
                .containsExactly(500L, 500L, 500L, 500L, 500L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
        assertThat(Duration.between(T0, bucket.throttled(T0))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void throttledAmong_aRoundsRefusalsSlowThePace_butAreNotOneCallRefusedInARow() {
        TokenBucket bucket = new TokenBucket(10, T0);

        // A round of terminations AWS refused one after the other: each is another instance's call.
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(Duration.between(T0, bucket.throttledAmong(T0)));
        }

        assertThat(delays).extracting(Duration::toMillis).containsOnly(500L);
        assertThat(bucket.rate()).as("most calls refused: the pace halves").isEqualTo(5.0);
        // The next refusal of one call (a read retried) starts its own count: half a second.
        assertThat(Duration.between(T0, bucket.throttled(T0))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void slowerPace_refillsSlower() {
        TokenBucket bucket = new TokenBucket(10, T0);
        bucket.take(T0, 10, "a");
        bucket.throttled(T0);
        bucket.throttled(T0);

        assertThat(bucket.take(at(1), 10, "a").granted()).isEqualTo(5);
    }
}
