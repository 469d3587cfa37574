package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingOperationTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "freestyle", "BUILD_NUMBER", "3");
    private static final AwsConnection CONNECTION = new AwsConnection("us-east-1", null, null, null, "http://127.0.0.1:1");

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final TestStepRuntime runtime = new TestStepRuntime(clock, new VirtualScheduler(clock, clock::advanceTo));
    private final LogListener listener = new LogListener();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void run_ticksOnTheExecutorUntilTheResult() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(20), Duration.ofHours(1), 1, "poll", "throttle", "done");

        Map<String, Object> result = new BlockingOperation<>("awsTest", op, CONNECTION).run(runtime, null, ENV, listener);

        assertThat(result).containsEntry("advances", 2);
        assertThat(op.journal()).containsExactly("advance poll", "advance throttle", "advance done");
        assertThat(clock.instant()).isAfter(Instant.parse("2026-01-01T00:00:20Z"));
        assertThat(listener.text()).contains("[awsTest] TEST advance 1", "[awsTest] AWS WARNING: AutoScaling returned Throttling");
    }

    @Test
    void run_whenTheBuildIsAborted_runsTheAbortPathThenRethrowsTheInterrupt() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(20), Duration.ofHours(1), 2, "poll", "poll", "poll");
        runtime.interruptAwait(1);

        assertThatThrownBy(() -> new BlockingOperation<>("awsTest", op, CONNECTION).run(runtime, null, ENV, listener))
                .isInstanceOf(InterruptedException.class);
        assertThat(op.journal()).containsExactly("advance poll", "advance poll", "abort STOPPED 1", "abort STOPPED 2");
        assertThat(listener.text()).contains("[awsTest] Scripted operation was stopped. Cleaned up after 2 abort ticks.");
    }

    @Test
    void run_whenTheOperationFails_failsTheBuildWithItsSentence() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(20), Duration.ofHours(1), 1, "refuse");

        assertThatThrownBy(() -> new BlockingOperation<>("awsTest", op, CONNECTION).run(runtime, null, ENV, listener))
                .isInstanceOf(AbortException.class)
                .hasMessage("The group web is on a launch configuration. Cleaned up after 1 abort ticks.");
    }
}
