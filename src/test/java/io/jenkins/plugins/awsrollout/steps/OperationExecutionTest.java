package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.VirtualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationExecutionTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private TestStepRuntime runtime = newRuntime();

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void start_schedulesWithoutRunningThenTicksToResult() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 1, "poll", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 7);

        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));

        assertThat(op.journal()).isEmpty();
        assertThat(runtime.scheduler().pending()).isEqualTo(1);
        assertThat(execution.getStatus()).isEqualTo("starting");

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isNull();
        assertThat(context.result()).isEqualTo(Map.of("advances", 3));
        assertThat(context.saves()).isEqualTo(3);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(context.log()).contains("[awsTest] TEST advance 1", "[awsTest] TEST finished after 3 advances");
        assertThat(execution.getStatus()).isEqualTo("TEST finished after 3 advances");
    }

    @Test
    void restart_midOperation_resumesFromSavedStateWithoutRepeatingWork() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(1), Duration.ofHours(1), 1, "poll", "poll", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 8);
        context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 2, 100);

        // The controller goes away with a tick pending; a new one loads what was last saved.
        runtime.scheduler().clear();
        runtime.close();
        runtime = newRuntime();
        ScriptedExecution revived = (ScriptedExecution) context.restart(runtime);
        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isNull();
        assertThat(context.result()).isEqualTo(Map.of("advances", 4));
        assertThat(op.journal()).containsExactly("advance poll", "advance poll", "advance poll", "advance done");
        assertThat(revived.operation().run().cursor().advances()).isEqualTo(4);
    }

    @Test
    void stop_runsTheAbortPathInAwsThenFailsWithTheStopCause() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(1), Duration.ofHours(1), 2, "poll", "poll", "poll");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 9);
        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 100);

        CancellationException cause = new CancellationException("aborted by admin");
        execution.stop(cause);
        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isSameAs(cause);
        assertThat(op.journal()).containsExactly("advance poll", "abort STOPPED 1", "abort STOPPED 2");
        assertThat(context.log()).contains("[awsTest] Scripted operation was stopped. Cleaned up after 2 abort ticks.");
    }

    @Test
    void stop_thenTheAbortPathKeepsItsOwnPace() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(1), Duration.ofHours(1), 3, "poll", "poll", "poll");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 11);
        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 100);
        Instant stoppedAt = clock.instant();

        execution.stop(new CancellationException("aborted by admin"));
        runtime.scheduler().runUntil(context::isCompleted, 100);

        // The first abort tick runs at once; the ones after it wait the 10 s the operation asks for (an abort path
        // that polls AWS must let time pass, or it would spin).
        assertThat(op.journal()).containsExactly("advance poll", "abort STOPPED 1", "abort STOPPED 2", "abort STOPPED 3");
        assertThat(clock.instant()).isEqualTo(stoppedAt.plusSeconds(20));
    }

    @Test
    void stop_beforeTheFirstTick_failsWithoutTouchingAws() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(1), Duration.ofHours(1), 2, "poll");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 10);
        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));

        CancellationException cause = new CancellationException("aborted");
        execution.stop(cause);
        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isSameAs(cause);
        assertThat(op.journal()).isEmpty();
    }

    @Test
    void deadline_failsWithOneSentenceAfterCleanup() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofMinutes(2), Duration.ofMinutes(5), 1,
                "poll", "poll", "poll", "poll");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 11);
        context.start(new ScriptedExecution(context, op, connection()));

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isInstanceOf(AbortException.class).hasMessage(
                "Scripted operation timed out after 6m waiting for step 4 of the script. Cleaned up after 1 abort ticks.");
        assertThat(op.journal()).endsWith("abort DEADLINE 1");
    }

    @Test
    void throttling_backsOffAndStillSucceeds() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 1,
                "throttle", "unavailable", "throttle", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 12);
        context.start(new ScriptedExecution(context, op, connection()));

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isNull();
        assertThat(context.log()).contains(
                "[awsTest] AWS WARNING: AutoScaling returned Throttling: Rate exceeded; trying again in",
                "[awsTest] AWS WARNING: AutoScaling returned InternalFailure: Service unavailable; trying again in");
    }

    @Test
    void badConnectionInput_failsBeforeAnyAwsCallNamingFieldAndValue() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 1, "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 13);
        AwsConnection bad = new AwsConnection("us-east-1x", null, null, null, null);
        context.start(new ScriptedExecution(context, op, bad));

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isInstanceOf(AbortException.class).hasMessage(
                "Invalid region: 'us-east-1x' is not an AWS region name (for example us-east-1 or eu-west-2).");
        assertThat(op.journal()).isEmpty();
    }

    @Test
    void unknownCredentialsId_failsNamingTheId() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 1, "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 14);
        context.start(new ScriptedExecution(context, op, new AwsConnection("us-east-1", "nope", null, null, null)));

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isInstanceOf(AbortException.class)
                .hasMessageContaining("No AWS credentials with id 'nope'");
        assertThat(op.journal()).isEmpty();
    }

    @Test
    void savedState_neverContainsTheSecret() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 1, "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 15);
        context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 100);

        String saved = new String(context.savedBytes(), StandardCharsets.ISO_8859_1);
        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(saved).contains("deployer").doesNotContain(SECRET).doesNotContain("AKIAEXAMPLEDEPLOYER0");
        assertThat(context.log()).doesNotContain(SECRET);
    }

    private TestStepRuntime newRuntime() {
        return new TestStepRuntime(clock, new VirtualScheduler(clock, clock::advanceTo))
                .withDefaults(AwsDefaults.none())
                .withCredentials("deployer", "AKIAEXAMPLEDEPLOYER0", SECRET);
    }

    private static AwsConnection connection() {
        return new AwsConnection("us-east-1", "deployer", null, null, "http://127.0.0.1:1");
    }

    /** The smallest real step execution: the scripted operation behind the shared driver. */
    static final class ScriptedExecution extends OperationExecution<ScriptedOperation.Cursor> {
        private static final long serialVersionUID = 1L;
        private final ScriptedOperation operation;

        ScriptedExecution(StepContext context, ScriptedOperation operation, AwsConnection connection) {
            super(context, "awsTest", connection);
            this.operation = operation;
        }

        @Override
        protected Operation<ScriptedOperation.Cursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            return operation;
        }
    }
}
