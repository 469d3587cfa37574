package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.steps.OperationExecutionTest.ScriptedExecution;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the driver does with failures outside the engine and with stops, on the scripted operation. */
class OperationExecutionLifecycleTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final TestStepRuntime runtime = new TestStepRuntime(clock, new VirtualScheduler(clock, clock::advanceTo))
            .withDefaults(AwsDefaults.none())
            .withCredentials("deployer", "AKIAEXAMPLEDEPLOYER0", "secret");

    @AfterEach
    void close() {
        runtime.close();
    }

    private static AwsConnection connection() {
        return new AwsConnection("us-east-1", "deployer", null, null, "http://127.0.0.1:1");
    }

    @Test
    void buildLogUnreachableForAWhile_isRetriedWithBackoffAndTheOperationGoesOn() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 1, "poll", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 1);
        context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 10);

        context.breakLog(true);
        runtime.scheduler().advance(Duration.ofMinutes(1));
        context.breakLog(false);
        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.failure()).isNull();
        assertThat(context.result()).isEqualTo(Map.of("advances", 3));
        assertThat(op.journal()).containsExactly("advance poll", "advance poll", "advance done");
    }

    @Test
    void buildLogUnreachableForGood_abortsThroughTheLedger() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 2, "poll", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 2);
        context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 10);

        context.breakLog(true);
        runtime.scheduler().runAll(1000);

        assertThat(context.failure()).hasMessageStartingWith("Scripted operation could not reach its build log and is still being cleaned up (");
        assertThat(op.journal()).containsExactly("advance poll", "abort FAILED 1", "abort FAILED 2");
        assertThat(runtime.ledger().entries()).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
            assertThat(e.outcome()).startsWith("Scripted operation could not go on: the build's log could not be opened (");
        });
        // The log came back only for the ledger's lines, through the listener the step last reached.
        assertThat(context.log()).contains("[awsTest] Cleanup finished: Scripted operation could not go on:");
    }

    @Test
    void secondStop_completesAtOnceNamingWhatIsLeftAndTheLedgerFinishes() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 3, "poll", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 3);
        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));
        runtime.scheduler().runUntil(() -> op.journal().size() == 1, 10);

        CancellationException cause = new CancellationException("Aborted by admin");
        execution.stop(cause);
        runtime.scheduler().runUntil(() -> op.journal().size() == 2, 10);
        Instant secondStop = clock.instant();
        execution.stop(new CancellationException("Aborted by admin again"));
        runtime.scheduler().runUntil(context::isCompleted, 10);

        assertThat(clock.instant()).isEqualTo(secondStop);
        assertThat(context.failure()).isSameAs(cause);
        assertThat(context.log()).contains("[awsTest] Scripted operation was stopped again and is still being cleaned up "
                + "(aborting: waiting for step 2 of the script); the AWS Rollout cleanup ledger finishes it, watch it under "
                + "Manage Jenkins » AWS Rollout cleanups.");
        runtime.scheduler().runAll(1000);
        assertThat(op.journal()).containsExactly("advance poll", "abort STOPPED 1", "abort STOPPED 2", "abort STOPPED 3");
        assertThat(context.log()).contains("[awsTest] Cleanup finished: Scripted operation was stopped. Cleaned up after 3 abort ticks.");
        assertThat(runtime.ledger().isEmpty()).isTrue();
        assertThat(context.lateCompletions()).isZero();
    }

    @Test
    void stopBeforeAnythingStarted_failsWithoutTheLedger() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 3, "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 4);
        ScriptedExecution execution = context.start(new ScriptedExecution(context, op, connection()));

        CancellationException cause = new CancellationException("Aborted by admin");
        execution.stop(cause);
        execution.stop(new CancellationException("again"));
        runtime.scheduler().runAll(100);

        assertThat(context.failure()).isSameAs(cause);
        assertThat(op.journal()).isEmpty();
        assertThat(runtime.ledger().entries()).isEmpty();
    }

    @Test
    void savesOnlyWhenTheCursorChanged() throws Exception {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 1, "poll", "throttle",
                "throttle", "poll", "done");
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 5);
        context.start(new ScriptedExecution(context, op, connection()));

        runtime.scheduler().runUntil(context::isCompleted, 100);

        assertThat(context.result()).isEqualTo(Map.of("advances", 3));
        // Five ticks; the two throttled ones changed nothing worth saving.
        assertThat(op.journal()).hasSize(5);
        assertThat(context.saves()).isEqualTo(3);
    }
}
