package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver saves the program when ids, phase or counters change, not when only the polling state moved. */
class CursorChangeTest {

    record Inner(String id, Poll poll) {}

    record Sample(String groupId, int batch, Poll poll, Inner inner, List<String> ids) {}

    private static final Poll FRESH = Poll.start(Backoff.polling(Duration.ofSeconds(15), Duration.ofMinutes(2)));

    @Test
    void sameIgnoringPolls_whenOnlyPollsMoved_isTrue() {
        Sample before = new Sample("web", 2, FRESH, new Inner("i-1", FRESH), List.of("i-1"));
        Sample after = new Sample("web", 2, FRESH.observe("same").observe("same"), new Inner("i-1", FRESH.observe("x")),
                List.of("i-1"));

        assertThat(CursorChange.sameIgnoringPolls(before, after)).isTrue();
    }

    @Test
    void sameIgnoringPolls_whenACounterOrAnIdChanged_isFalse() {
        Sample before = new Sample("web", 2, FRESH, new Inner("i-1", FRESH), List.of("i-1"));

        assertThat(CursorChange.sameIgnoringPolls(before, new Sample("web", 3, FRESH, new Inner("i-1", FRESH), List.of("i-1"))))
                .isFalse();
        assertThat(CursorChange.sameIgnoringPolls(before, new Sample("web", 2, FRESH, new Inner("i-2", FRESH), List.of("i-1"))))
                .isFalse();
        assertThat(CursorChange.sameIgnoringPolls(before, new Sample("web", 2, FRESH, new Inner("i-1", FRESH), List.of("i-1", "i-2"))))
                .isFalse();
    }

    @Test
    void changed_whenTheAbortPathStarts_isTrue() {
        var op = io.jenkins.plugins.awsrollout.engine.ScriptedOperation.of(Duration.ofSeconds(1), Duration.ofMinutes(1), 1, "poll");
        var run = io.jenkins.plugins.awsrollout.engine.OperationRun.begin(op, java.time.Instant.EPOCH);

        assertThat(CursorChange.changed(null, run)).isTrue();
        assertThat(CursorChange.changed(run, run)).isFalse();
        assertThat(CursorChange.changed(run, run.abort(AbortReason.STOPPED, "Stopped."))).isTrue();
    }
}
