package io.jenkins.plugins.awsrollout.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.Progress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines become the phase lane and marks; the lines still reach the log unchanged. */
class TimelineProgressTest {

    @Test
    void phasesWarningsAndCheckpoints_areRecorded_quotesAndInstanceDetailAreNot() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Timeline timeline = new Timeline("t", "us-east-1", t0);
        List<String> log = new ArrayList<>();
        Progress sink = new Progress() {
            @Override
            public void report(String phase, String message) {
                log.add(phase + " " + message);
            }

            @Override
            public void warn(String phase, String message) {
                log.add(phase + " WARNING: " + message);
            }
        };
        Progress progress = new TimelineProgress(sink, timeline, Clock.fixed(t0, ZoneOffset.UTC));

        progress.report("LAUNCH", "builder i-1");
        progress.report("CONSOLE", "| cloud-init");
        progress.report("INSTANCE", "i-1 AfterInstall Succeeded");
        progress.report("ROLL", "batch 1");
        progress.report("CHECKPOINT", "50% replaced");
        progress.warn("AWS", "Throttled; trying again in 2s.");
        progress.warn("ROLLBACK", "batch 2 failed. Rolling back.");
        progress.record(TimelineEvent.capacity(t0, 3, 3, 3, 2, 4));

        assertThat(log).hasSize(7);
        assertThat(timeline.events()).extracting(e -> e.kind() + " " + (e.lane() == null ? "" : e.lane() + " ") + e.label())
                .containsExactly("STATE phase LAUNCH", "STATE phase ROLL", "STATE phase CHECKPOINT",
                        "MARK CHECKPOINT: 50% replaced", "MARK AWS: Throttled; trying again in 2s.",
                        "STATE phase ROLLBACK", "MARK ROLLBACK: batch 2 failed. Rolling back.");
        assertThat(timeline.samples()).hasSize(1);
    }
}
