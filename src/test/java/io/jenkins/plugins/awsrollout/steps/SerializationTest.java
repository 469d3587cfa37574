package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.testing.River;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every execution, cursor and ledger entry survives Pipeline's two ways of persisting: Java serialization and JBoss
 * Marshalling River ({@code program.dat}). Each step is caught in each phase of {@link StepLifecycleSweepTest}, in
 * its normal path and in its abort path, written and read back both ways; then the build resumes from the River copy
 * and, stopped, leaves nothing in AWS.
 */
class SerializationTest {

    enum Format {
        JAVA(TestStepContext::serialize, TestStepContext::deserialize),
        RIVER(River::write, River::read);

        final java.util.function.Function<Object, byte[]> write;
        final java.util.function.Function<byte[], Object> read;

        Format(java.util.function.Function<Object, byte[]> write, java.util.function.Function<byte[], Object> read) {
            this.write = write;
            this.read = read;
        }

        @SuppressWarnings("unchecked")
        <T> T roundTrip(T object) {
            return (T) read.apply(write.apply(object));
        }
    }

    static Stream<Arguments> cases() {
        return StepLifecycleSweepTest.cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void executionCursorAndLedgerEntry_roundTripThroughJavaAndRiver(StepLifecycleSweepTest.Case c) throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(c.world().build())) {
            Object before = c.before().apply(aws);
            TestStepContext build = aws.context("deploy", 7);
            aws.start(c.step().apply(aws), build);
            aws.scheduler().runUntil(() -> build.isCompleted() || c.inPhase().test(aws, build), 1_000_000);
            assertThat(build.isCompleted()).isFalse();
            OperationExecution<?> execution = (OperationExecution<?>) build.execution();

            for (Format format : Format.values()) {
                assertSame(execution, format.roundTrip(execution), format);
                DurableOperation<?> aborting = TestStepContext.deserialize(TestStepContext.serialize(execution.operation()));
                aborting.requestAbort(AbortReason.STOPPED, "Stopped.");
                DurableOperation<?> copy = format.roundTrip(aborting);
                assertThat(copy.run().cursor()).as(format.name()).isEqualTo(aborting.run().cursor());
                assertThat(copy.run().aborting()).isEqualTo(AbortReason.STOPPED);
                assertThat(copy.target()).isEqualTo(aborting.target());
                CleanupEntry entry = new CleanupEntry("id", "fn", "deploy#7", null, "what", "status",
                        aborting.run().cursor().deadline(), null, aws.clock().instant(), CleanupEntry.Stage.PENDING, null, null,
                        false, CleanupLedger.serialize(aborting));
                CleanupEntry entryCopy = format.roundTrip(entry);
                assertThat(entryCopy).usingRecursiveComparison().isEqualTo(entry);
                assertThat(CleanupLedger.deserialize(entryCopy.state()).run().cursor()).isEqualTo(aborting.run().cursor());
                // The entry a step holds under a lease while it runs its abort path itself.
                CleanupEntry held = new CleanupEntry("id", "fn", "deploy#7", null, "what", "status",
                        aborting.run().cursor().deadline(), null, aws.clock().instant(), CleanupEntry.Stage.PENDING, null, null,
                        false, CleanupLedger.serialize(aborting), CleanupEntry.Holder.STEP, 3,
                        aws.clock().instant().plus(CleanupLedger.LEASE), "region us-east-1, credentials sim-deployer");
                CleanupEntry heldCopy = format.roundTrip(held);
                assertThat(heldCopy).usingRecursiveComparison().isEqualTo(held);
                assertThat(heldCopy.held()).isTrue();
            }

            // A controller restart that reads the program back with River; then the build is stopped.
            StepExecution revived = River.roundTrip(execution);
            aws.restartController();
            build.restartWith(aws.runtime(), revived);
            CancellationException cause = new CancellationException("stopped after the restart");
            revived.stop(cause);
            aws.scheduler().runAll(1_000_000);

            assertThat(build.failure()).as(build.log()).isSameAs(cause);
            c.clean().check(aws, before, build);
        }
    }

    private static void assertSame(OperationExecution<?> original, OperationExecution<?> copy, Format format) {
        OperationRun<?> run = original.operation().run();
        OperationRun<?> copied = copy.operation().run();
        assertThat(copied.cursor()).as(format.name() + " cursor").isEqualTo(run.cursor());
        assertThat(copied.startedAt()).isEqualTo(run.startedAt());
        assertThat(copied.aborting()).isEqualTo(run.aborting());
        assertThat(copied.operation().name()).isEqualTo(run.operation().name());
        assertThat(copy.operation().target()).isEqualTo(original.operation().target());
        assertThat(copy.getStatus()).isEqualTo(original.getStatus());
    }

    @SuppressWarnings("unused")
    private static final UnaryOperator<Object> NONE = UnaryOperator.identity();
}
