package io.jenkins.plugins.awsrollout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperationRunTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> log = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void report(String phase, String message) {
            log.add(phase + " " + message);
        }

        @Override
        public void warn(String phase, String message) {
            log.add(phase + " WARNING " + message);
        }
    };
    private final TickContext context = new TickContext((AwsSession) null, clock, progress, new SplittableRandom(1));

    @Test
    void tick_whenScriptPollsThenFinishes_returnsDelaysThenResult() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(15), Duration.ofMinutes(10), 1, "poll", "poll", "done");
        OperationRun<ScriptedOperation.Cursor> run = OperationRun.begin(op, clock.instant());

        OperationRun.Next<ScriptedOperation.Cursor> first = run.tick(context);
        OperationRun.Next<ScriptedOperation.Cursor> second = first.run().tick(context);
        OperationRun.Next<ScriptedOperation.Cursor> third = second.run().tick(context);

        assertThat(first).isInstanceOfSatisfying(OperationRun.Next.Again.class,
                again -> assertThat(again.delay()).isEqualTo(Duration.ofSeconds(15)));
        assertThat(second).isInstanceOf(OperationRun.Next.Again.class);
        assertThat(third).isInstanceOfSatisfying(OperationRun.Next.Succeeded.class,
                done -> assertThat(done.result()).containsEntry("advances", 3));
        assertThat(op.journal()).containsExactly("advance poll", "advance poll", "advance done");
    }

    @Test
    void tick_whenThrottled_backsOffGrowingAndNeverFails() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 1,
                "throttle", "throttle", "throttle", "throttle", "done");
        OperationRun<ScriptedOperation.Cursor> run = OperationRun.begin(op, clock.instant());
        List<Duration> delays = new ArrayList<>();

        OperationRun.Next<ScriptedOperation.Cursor> next = run.tick(context);
        while (next instanceof OperationRun.Next.Again<ScriptedOperation.Cursor> again) {
            delays.add(again.delay());
            clock.advance(again.delay());
            next = again.run().tick(context);
        }

        assertThat(next).isInstanceOf(OperationRun.Next.Succeeded.class);
        assertThat(delays).hasSize(4);
        assertThat(delays.get(3)).isGreaterThan(delays.get(0));
        assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(OperationRun.TROUBLE.max()));
        assertThat(log).filteredOn(l -> l.contains("Throttling")).hasSize(4)
                .first().asString().contains("AutoScaling returned Throttling: Rate exceeded; trying again in");
    }

    @Test
    void tick_afterDeadline_runsAbortThenFailsNamingWhatItWaitedFor() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(1), Duration.ofMinutes(3), 2, "poll", "poll", "poll", "poll");
        OperationRun<ScriptedOperation.Cursor> run = OperationRun.begin(op, clock.instant());

        OperationRun.Next<ScriptedOperation.Cursor> next = run.tick(context);
        while (next instanceof OperationRun.Next.Again<ScriptedOperation.Cursor> again) {
            clock.advance(again.delay());
            next = again.run().tick(context);
        }

        assertThat(next).isInstanceOfSatisfying(OperationRun.Next.Ended.class, ended -> {
            assertThat(ended.abortReason()).isEqualTo(AbortReason.DEADLINE);
            assertThat(ended.message()).isEqualTo("Scripted operation timed out after 4m waiting for step 5 of the script."
                    + " Cleaned up after 2 abort ticks.");
            assertThat(ended.cause()).isNull();
        });
        assertThat(op.journal()).containsExactly(
                "advance poll", "advance poll", "advance poll", "advance poll", "abort DEADLINE 1", "abort DEADLINE 2");
    }

    @Test
    void tick_whenAwsRejectsARequest_cleansUpThenFailsWithAwsSentence() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 1, "poll", "rejected");
        OperationRun.Next<ScriptedOperation.Cursor> next = OperationRun.begin(op, clock.instant()).tick(context);
        while (next instanceof OperationRun.Next.Again<ScriptedOperation.Cursor> again) {
            next = again.run().tick(context);
        }

        assertThat(next).isInstanceOfSatisfying(OperationRun.Next.Ended.class, ended -> {
            assertThat(ended.abortReason()).isEqualTo(AbortReason.FAILED);
            assertThat(ended.message())
                    .isEqualTo("AutoScaling returned ValidationError: Group web not found. Cleaned up after 1 abort ticks.");
            assertThat(ended.cause()).isNull();
        });
        assertThat(op.journal()).containsExactly("advance poll", "advance rejected", "abort FAILED 1");
    }

    @Test
    void tick_whenUnexpectedErrorOccurs_keepsItAsCauseAfterCleanup() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 1, "boom");
        OperationRun.Next<ScriptedOperation.Cursor> next = OperationRun.begin(op, clock.instant()).tick(context);
        next = next.run().tick(context);

        assertThat(next).isInstanceOfSatisfying(OperationRun.Next.Ended.class, ended -> assertThat(ended.message())
                .startsWith("Unexpected error: java.lang.IllegalStateException: boom."));
        assertThat(op.journal()).containsExactly("advance boom", "abort FAILED 1");
    }

    @Test
    void tick_whenOperationReportsHandledFailure_endsWithoutAbort() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 1, "failed");

        OperationRun.Next<ScriptedOperation.Cursor> next = OperationRun.begin(op, clock.instant()).tick(context);

        assertThat(next).isInstanceOfSatisfying(OperationRun.Next.Ended.class, ended -> {
            assertThat(ended.abortReason()).isNull();
            assertThat(ended.message()).isEqualTo("The refresh failed and was rolled back.");
        });
        assertThat(op.journal()).containsExactly("advance failed");
    }

    @Test
    void abort_whenAlreadyAborting_keepsTheFirstReason() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 3, "poll");
        OperationRun<ScriptedOperation.Cursor> run = OperationRun.begin(op, clock.instant())
                .abort(AbortReason.STOPPED, "stopped")
                .abort(AbortReason.DEADLINE, "late");

        assertThat(run.aborting()).isEqualTo(AbortReason.STOPPED);
    }

    @Test
    void tick_whenCleanupOutlivesItsOwnDeadline_givesUpNamingWhatIsLeft() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(5), Duration.ofHours(1), 100, "poll");
        OperationRun.Next<ScriptedOperation.Cursor> next =
                OperationRun.begin(op, clock.instant()).abort(AbortReason.STOPPED, "Stopped.").tick(context);
        clock.advance(Duration.ofMinutes(6));
        next = next.run().tick(context);

        assertThat(next).isInstanceOfSatisfying(OperationRun.Next.Ended.class, ended -> assertThat(ended.message())
                .isEqualTo("Stopped. Cleanup did not finish in time: still waiting for step 1 of the script."));
    }
}
