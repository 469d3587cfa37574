package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsConnection;
import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.testing.TestBuilds;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import io.jenkins.plugins.awsrollout.testing.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease a step holds on its abort path in the cleanup ledger: written when the abort path starts, renewed with
 * each new cursor and when half spent (not on every poll), removed at its end; taken over by the ledger only when it
 * expires, after which a step that comes back does nothing in AWS. Exactly one driver at a time.
 */
class CleanupLeaseTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final VirtualScheduler scheduler = new VirtualScheduler(clock, clock::advanceTo);
    private final CountingStore store = new CountingStore();
    private final TestBuilds builds = new TestBuilds();
    private TestStepRuntime runtime = runtime(scheduler);

    private TestStepRuntime runtime(VirtualScheduler ticks) {
        return new TestStepRuntime(clock, ticks)
                .withDefaults(AwsDefaults.none())
                .withCredentials("deployer", "AKIAEXAMPLEDEPLOYER0", "secret")
                .withLedger(store, builds);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void normalAbortPath_isLeasedAtItsStart_renewedOnChangeOrWhenHalfSpent_removedAtItsEnd_theLedgerNeverDrives()
            throws Exception {
        QuietAbort op = QuietAbort.of(Duration.ofMinutes(1), Duration.ofMinutes(30));
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 1);
        QuietExecution execution = context.start(new QuietExecution(context, op));
        scheduler.runUntil(() -> op.journal().size() == 3, 100);
        assertThat(store.saves).as("nothing is owed yet: no ledger write").isEmpty();

        execution.stop(new CancellationException("Aborted by admin"));
        scheduler.runUntil(() -> op.journal().contains("abort start"), 10);
        // Written before the abort path's first action, and again with the cursor that action made.
        assertThat(store.saves).hasSize(2);
        CleanupEntry held = store.saves.get(1).get(0);
        assertThat(held.holder()).isEqualTo(CleanupEntry.Holder.STEP);
        assertThat(held.buildId()).isEqualTo("deploy#1");
        assertThat(held.connection()).isEqualTo("region us-east-1, credentials deployer");
        assertThat(held.leaseUntil()).isEqualTo(clock.instant().plus(CleanupLedger.LEASE));
        assertThat(CleanupLedger.deserialize(held.state()).run().cursor()).isEqualTo(execution.operation().run().cursor());

        scheduler.runUntil(context::isCompleted, 1000);

        assertThat(context.failure()).hasMessage("Aborted by admin");
        long quietPolls = op.journal().stream().filter("abort poll"::equals).count();
        assertThat(quietPolls).isEqualTo(29);
        // 30 quiet minutes: renewed when half of the 10-minute lease was spent, not at each of the 29 polls.
        List<List<CleanupEntry>> renewals = store.saves.subList(2, store.saves.size() - 1);
        assertThat(renewals).hasSizeBetween(5, 6).allSatisfy(list -> assertThat(list).singleElement()
                .satisfies(e -> assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.STEP)));
        // Removed at the end; the ledger never drove it (a ledger-driven cleanup stays listed), nothing ran twice.
        assertThat(store.saves.get(store.saves.size() - 1)).isEmpty();
        assertThat(runtime.ledger().entries()).isEmpty();
        assertThat(op.journal()).filteredOn(s -> s.startsWith("abort")).containsOnlyOnce("abort start", "abort done");
    }

    @Test
    void longQuietWait_wakesBeforeTheLeaseRunsOut_soTheLedgerNeverTakesOver() throws Exception {
        // The abort path asks to be ticked again in 8 minutes, longer than half the lease.
        QuietAbort op = QuietAbort.of(Duration.ofMinutes(8), Duration.ofMinutes(40));
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 2);
        QuietExecution execution = context.start(new QuietExecution(context, op));
        scheduler.runUntil(() -> op.journal().size() == 1, 100);
        execution.stop(new CancellationException("Aborted by admin"));

        List<CleanupEntry.Holder> holders = new ArrayList<>();
        scheduler.runUntil(() -> {
            runtime.ledger().entries().forEach(e -> holders.add(e.holder()));
            return context.isCompleted();
        }, 1000);

        assertThat(context.failure()).hasMessage("Aborted by admin");
        assertThat(holders).isNotEmpty().containsOnly(CleanupEntry.Holder.STEP);
        assertThat(runtime.ledger().entries()).isEmpty();
        assertThat(op.journal()).containsOnlyOnce("abort done");
    }

    @Test
    void stepVanishesWithoutHandOver_theLedgerTakesOverOnceTheLeaseExpires_aLateResumeDoesNothingInAws() throws Exception {
        QuietAbort op = QuietAbort.of(Duration.ofMinutes(1), Duration.ofMinutes(30));
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 3);
        QuietExecution execution = context.start(new QuietExecution(context, op));
        scheduler.runUntil(() -> op.journal().size() == 1, 100);
        execution.stop(new CancellationException("Aborted by admin"));
        scheduler.runUntil(() -> op.journal().contains("abort poll"), 100);
        Instant leaseUntil = runtime.ledger().entries().get(0).leaseUntil();

        // The controller is killed hard; its build is still there, but the step never comes back.
        killController();
        Instant restarted = clock.instant();
        scheduler.runUntil(() -> runtime.ledger().entries().get(0).holder() == CleanupEntry.Holder.LEDGER, 1000);

        // The lease expired, and the resuming build had one full term from the start to claim it again.
        assertThat(clock.instant()).isAfterOrEqualTo(leaseUntil).isEqualTo(restarted.plus(CleanupLedger.LEASE));
        CleanupEntry taken = runtime.ledger().entries().get(0);
        assertThat(taken.generation()).isEqualTo(2);
        assertThat(taken.leaseUntil()).isNull();
        scheduler.runAll(1000);
        assertThat(runtime.ledger().isEmpty()).isTrue();
        assertThat(runtime.ledger().entries()).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
            assertThat(e.outcome()).isEqualTo("Quiet operation was stopped.");
        });
        assertThat(op.journal()).containsOnlyOnce("abort start", "abort done");
        assertThat(context.log().split("when its step stopped renewing its lease", -1)).hasSize(2);
        assertThat(context.log()).contains("[awsTest] Quiet operation was still being cleaned up (aborting: waiting for the"
                + " quiet abort) when its step stopped renewing its lease; the AWS Rollout cleanup ledger took it over and"
                + " finishes it, watch it under Manage Jenkins » AWS Rollout cleanups.",
                "[awsTest] Cleanup finished: Quiet operation was stopped.");

        // The build resumes the step after all: it must not act in AWS again.
        int actions = op.journal().size();
        context.restart(runtime);
        scheduler.runAll(1000);
        assertThat(op.journal()).hasSize(actions);
        assertThat(context.failure()).hasMessage("Aborted by admin");
        assertThat(context.log()).contains("[awsTest] Quiet operation is being cleaned up by the AWS Rollout cleanup ledger,"
                + " which took it over while this step was away; watch it under Manage Jenkins » AWS Rollout cleanups.");
    }

    @Test
    void stepResumesBeforeItsLeaseExpires_keepsDrivingItself_andTheLedgerNeverDoes() throws Exception {
        QuietAbort op = QuietAbort.of(Duration.ofMinutes(1), Duration.ofMinutes(30));
        TestStepContext context = TestStepContext.forBuild(runtime, "deploy", 4);
        QuietExecution execution = context.start(new QuietExecution(context, op));
        scheduler.runUntil(() -> op.journal().size() == 1, 100);
        execution.stop(new CancellationException("Aborted by admin"));
        scheduler.runUntil(() -> op.journal().contains("abort poll"), 100);
        long generation = runtime.ledger().entries().get(0).generation();

        killController();
        context.restart(runtime);
        scheduler.runUntil(() -> op.journal().size() > 4, 100);
        assertThat(runtime.ledger().entries()).singleElement().satisfies(e -> {
            assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.STEP);
            assertThat(e.generation()).isEqualTo(generation);
        });
        scheduler.runAll(1000);

        assertThat(context.failure()).hasMessage("Aborted by admin");
        assertThat(runtime.ledger().entries()).isEmpty();
        assertThat(op.journal()).containsOnlyOnce("abort start", "abort done");
    }

    @Test
    void exclusivity_isACompareAndSetOnHolderAndGeneration() {
        CleanupLedger ledger = runtime.ledger();
        QuietAbort op = QuietAbort.of(Duration.ofMinutes(1), Duration.ofMinutes(30));
        DurableOperation<QuietAbort.Cursor> aborting = new DurableOperation<>(
                new AwsTarget("us-east-1", null, "deployer", null, null, "jenkins-deploy-5"),
                OperationRun.begin(op, clock.instant()).abort(AbortReason.STOPPED, "Quiet operation was stopped."));
        String id = UUID.randomUUID().toString();

        assertThat(ledger.hold(id, 0, "awsTest", "deploy#5", null, aborting)).isEqualTo(1);
        assertThat(ledger.holds(id, 1)).isTrue();
        assertThat(ledger.holds(id, 2)).isFalse();
        assertThat(ledger.hold(id, 2, "awsTest", "deploy#5", null, aborting)).as("another generation").isZero();
        assertThat(ledger.giveUp(id, "admin")).as("a live lease cannot be given up").isFalse();

        // A hand-over flips the one entry.
        CleanupEntry handed = ledger.handOver(id, 1, "awsTest", "deploy#5", null, aborting, null, null);
        assertThat(handed.id()).isEqualTo(id);
        assertThat(handed.holder()).isEqualTo(CleanupEntry.Holder.LEDGER);
        assertThat(handed.generation()).isEqualTo(2);
        assertThat(ledger.entries()).hasSize(1);
        // From then on the step holds nothing: no renewal, no release, no second hand-over.
        assertThat(ledger.holds(id, 1)).isFalse();
        assertThat(ledger.hold(id, 1, "awsTest", "deploy#5", null, aborting)).isZero();
        assertThat(ledger.hold(id, 0, "awsTest", "deploy#5", null, aborting)).isZero();
        assertThat(ledger.release(id, 1)).isFalse();
        assertThat(ledger.handOver(id, 1, "awsTest", "deploy#5", null, aborting, null, null).generation()).isEqualTo(2);
        assertThat(ledger.entries()).hasSize(1);
        // A step that held it before and finds it gone (finished and forgotten) does not make it again.
        assertThat(ledger.hold("gone", 1, "awsTest", "deploy#5", null, aborting)).isZero();
        assertThat(ledger.knows("gone")).isFalse();
    }

    @Test
    void heldEntry_canBeGivenUpOnlyOnceItsLeaseExpired() {
        Instant now = clock.instant();
        CleanupEntry held = new CleanupEntry("id", "awsTest", "deploy#6", null, "Quiet operation", "aborting", now.plusSeconds(3600),
                null, now, CleanupEntry.Stage.PENDING, null, null, false, new byte[0], CleanupEntry.Holder.STEP, 1,
                now.plus(CleanupLedger.LEASE), "region us-east-1");
        assertThat(held.held()).isTrue();
        assertThat(held.canGiveUp(now)).isFalse();
        assertThat(held.leaseExpired(now.plus(CleanupLedger.LEASE))).isTrue();
        assertThat(held.canGiveUp(now.plus(CleanupLedger.LEASE))).isTrue();
    }

    @Test
    void adminPage_tellsHeldFromLedgerDrivenEntries() {
        Instant now = clock.instant();
        Instant until = now.plus(CleanupLedger.LEASE);
        CleanupEntry held = new CleanupEntry("id", "awsTest", "deploy#7", null, "Quiet operation", "aborting", now.plusSeconds(3600),
                null, now, CleanupEntry.Stage.PENDING, null, null, false, new byte[0], CleanupEntry.Holder.STEP, 1, until, null);
        assertThat(CleanupsLink.state(held, now)).isEqualTo("running in its build (lease until 2026-01-01T00:10:00Z)");
        assertThat(CleanupsLink.state(held, until)).isEqualTo(
                "its step stopped renewing its lease at 2026-01-01T00:10:00Z; the ledger takes it over");
        CleanupEntry driven = held.toLedger(now, "cleaning up", held.deadline(), new byte[0]);
        assertThat(CleanupsLink.state(driven, now)).isEqualTo("driven by the ledger");
        assertThat(driven.canGiveUp(now)).isTrue();
        assertThat(CleanupsLink.state(driven.ended(CleanupEntry.Stage.FINISHED, "Done.", now, new byte[0]), now)).isEqualTo("finished");
    }

    /** A hard kill: pending ticks and the ledger's memory are gone; a new controller loads the ledger's file. */
    private void killController() throws Exception {
        scheduler.clear();
        runtime = runtime(scheduler);
        runtime.ledger().resume();
    }

    /** Every list the ledger wrote, in order. */
    static final class CountingStore implements LedgerStore {
        final List<List<CleanupEntry>> saves = new CopyOnWriteArrayList<>();

        @Override
        public List<CleanupEntry> load() {
            return saves.isEmpty() ? List.of() : saves.get(saves.size() - 1);
        }

        @Override
        public void save(List<CleanupEntry> entries) {
            saves.add(List.copyOf(entries));
        }
    }

    /**
     * An operation that polls forever until stopped; its abort path makes one change (the cursor moves to the abort
     * phase, with a fresh deadline), then waits quietly ({@code abortEvery}) for {@code abortFor}, then ends. Its
     * "AWS actions" go to a journal outside the cursor.
     */
    record QuietAbort(String id, Duration abortEvery, Duration abortFor) implements Operation<QuietAbort.Cursor> {

        private static final Map<String, List<String>> JOURNALS = new ConcurrentHashMap<>();

        static QuietAbort of(Duration abortEvery, Duration abortFor) {
            String id = UUID.randomUUID().toString();
            JOURNALS.put(id, new CopyOnWriteArrayList<>());
            return new QuietAbort(id, abortEvery, abortFor);
        }

        List<String> journal() {
            return JOURNALS.get(id);
        }

        record Cursor(Instant deadline, @edu.umd.cs.findbugs.annotations.CheckForNull Instant abortStarted)
                implements io.jenkins.plugins.awsrollout.engine.Cursor {
            @Override
            public String waitingFor() {
                return abortStarted == null ? "the quiet operation" : "the quiet abort";
            }
        }

        @Override
        public String name() {
            return "Quiet operation";
        }

        @Override
        public Cursor begin(Instant now) {
            return new Cursor(now.plus(Duration.ofHours(2)), null);
        }

        @Override
        public Tick<Cursor> advance(Cursor cursor, TickContext context) {
            journal().add("advance");
            return Tick.after(cursor, Duration.ofSeconds(30));
        }

        @Override
        public Tick<Cursor> abort(Cursor cursor, AbortReason reason, TickContext context) {
            if (cursor.abortStarted() == null) {
                journal().add("abort start");
                return Tick.after(new Cursor(context.now().plus(Duration.ofHours(1)), context.now()), abortEvery);
            }
            if (context.now().isBefore(cursor.abortStarted().plus(abortFor))) {
                journal().add("abort poll");
                return Tick.after(cursor, abortEvery);
            }
            journal().add("abort done");
            return Tick.done(cursor, Map.of());
        }
    }

    static final class QuietExecution extends OperationExecution<QuietAbort.Cursor> {
        private static final long serialVersionUID = 1L;
        private final QuietAbort operation;

        QuietExecution(StepContext context, QuietAbort operation) {
            super(context, "awsTest", new AwsConnection("us-east-1", "deployer", null, null, "http://127.0.0.1:1"));
            this.operation = operation;
        }

        @Override
        protected Operation<QuietAbort.Cursor> createOperation(Map<String, String> env, AwsDefaults defaults) {
            return operation;
        }
    }
}
