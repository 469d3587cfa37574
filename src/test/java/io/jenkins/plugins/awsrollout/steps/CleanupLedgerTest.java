package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.ScriptedOperation;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cleanup ledger on its own: adoption, logs, credentials fallback, restart, giving up, its file. */
class CleanupLedgerTest {

    private final SimulatedAws aws = SimulatedAws.start(World.builder().region("us-east-1").build());
    private final List<String> systemLog = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] params = record.getParameters();
            systemLog.add(params != null && params.length == 1 ? String.valueOf(params[0]) : record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    Path directory;

    @BeforeEach
    void listen() {
        Logger.getLogger(CleanupLedger.class.getName()).addHandler(capture);
    }

    @AfterEach
    void close() {
        Logger.getLogger(CleanupLedger.class.getName()).removeHandler(capture);
        aws.close();
    }

    /** An operation stopped mid-way whose abort path takes {@code abortTicks} ticks, 10 s apart. */
    private DurableOperation<?> stopped(ScriptedOperation op, String credentialsId) {
        OperationRun<?> run = OperationRun.begin(op, aws.clock().instant()).abort(AbortReason.STOPPED, "Scripted operation was stopped.");
        return new DurableOperation<>(new AwsTarget("us-east-1", aws.sim().endpoint(), credentialsId, null, null, "jenkins-deploy-3"), run);
    }

    @Test
    void adoptedCleanup_whileTheBuildRuns_finishesAndReportsToTheBuildLog() {
        LogListener log = new LogListener();
        aws.builds().started("deploy#3", log);
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 4, "poll");
        CleanupLedger ledger = aws.runtime().ledger();

        CleanupEntry entry = ledger.adopt("scriptedStep", "deploy#3", null, stopped(op, SimulatedAws.CREDENTIALS_ID), null,
                "Handed over.");
        assertThat(ledger.isEmpty()).isFalse();
        aws.scheduler().runAll(1000);

        assertThat(ledger.isEmpty()).isTrue();
        assertThat(op.journal()).containsExactly("abort STOPPED 1", "abort STOPPED 2", "abort STOPPED 3", "abort STOPPED 4");
        assertThat(ledger.entry(entry.id())).satisfies(e -> {
            assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
            assertThat(e.outcome()).isEqualTo("Scripted operation was stopped. Cleaned up after 4 abort ticks.");
            assertThat(e.globalConnection()).isFalse();
        });
        assertThat(log.text()).contains("[scriptedStep] Handed over.",
                "[scriptedStep] Cleanup finished: Scripted operation was stopped. Cleaned up after 4 abort ticks.");
    }

    @Test
    void buildGone_usesTheGlobalConnectionAndSaysSoInTheSystemLog() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 2, "poll");
        CleanupLedger ledger = aws.runtime().ledger();

        CleanupEntry entry = ledger.adopt("scriptedStep", "deleted-job#9", null, stopped(op, "no-such-credentials"), null, null);
        aws.scheduler().runAll(1000);

        assertThat(ledger.entry(entry.id()).stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
        assertThat(ledger.entry(entry.id()).globalConnection()).isTrue();
        assertThat(systemLog).contains(
                "deleted-job #9: [scriptedStep] CLEANUP WARNING: The build deleted-job #9 no longer exists; cleaning up "
                        + "with the global connection (Manage Jenkins » System » AWS Rollout) instead.",
                "deleted-job #9: [scriptedStep] Cleanup finished: Scripted operation was stopped. Cleaned up after 2 abort ticks.");
    }

    @Test
    void credentialsGoneWhileTheBuildRuns_usesTheGlobalConnectionAndSaysSoInTheBuildLog() {
        LogListener log = new LogListener();
        aws.builds().started("deploy#4", log);
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 2, "poll");

        aws.runtime().ledger().adopt("scriptedStep", "deploy#4", null, stopped(op, "deleted-credentials"), null, null);
        aws.scheduler().runAll(1000);

        assertThat(log.text()).contains("[scriptedStep] CLEANUP WARNING: No AWS credentials with id 'deleted-credentials' "
                + "are available to this build; cleaning up with the global connection (Manage Jenkins » System » AWS Rollout) instead.");
        assertThat(aws.runtime().ledger().isEmpty()).isTrue();
    }

    @Test
    void controllerRestart_resumesThePendingCleanupFromTheFile() throws IOException {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 5, "poll");
        CleanupEntry entry = aws.runtime().ledger().adopt("scriptedStep", "deploy#5", "https://jenkins.example.com/job/deploy/5/",
                stopped(op, SimulatedAws.CREDENTIALS_ID), null, null);
        aws.scheduler().runUntil(() -> op.journal().size() == 2, 100);

        aws.restartController();
        assertThat(aws.runtime().ledger().entry(entry.id())).isNotNull();
        aws.scheduler().runAll(1000);

        assertThat(op.journal()).containsExactly(
                "abort STOPPED 1", "abort STOPPED 2", "abort STOPPED 3", "abort STOPPED 4", "abort STOPPED 5");
        assertThat(aws.runtime().ledger().isEmpty()).isTrue();
        assertThat(aws.ledgerStore().load()).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
            assertThat(e.buildUrl()).isEqualTo("https://jenkins.example.com/job/deploy/5/");
        });
    }

    @Test
    void giveUp_stopsDrivingTheCleanupAndSaysWhatIsLeft() {
        LogListener log = new LogListener();
        aws.builds().started("deploy#6", log);
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 5, "poll");
        CleanupLedger ledger = aws.runtime().ledger();
        CleanupEntry entry = ledger.adopt("scriptedStep", "deploy#6", null, stopped(op, SimulatedAws.CREDENTIALS_ID), null, null);
        aws.scheduler().runUntil(() -> op.journal().size() == 2, 100);

        assertThat(ledger.giveUp(entry.id(), "admin")).isTrue();
        aws.scheduler().runAll(1000);

        assertThat(op.journal()).hasSize(2);
        assertThat(ledger.entry(entry.id()).stage()).isEqualTo(CleanupEntry.Stage.GIVEN_UP);
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(ledger.giveUp(entry.id(), "admin")).isFalse();
        assertThat(log.text()).contains("[scriptedStep] Cleanup of Scripted operation given up by admin; still left: ");
    }

    @Test
    void cleanupPastItsDeadline_endsFailedAndNeedsAttention() {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 100, "poll");
        CleanupLedger ledger = aws.runtime().ledger();
        CleanupEntry entry = ledger.adopt("scriptedStep", "deploy#7", null, stopped(op, SimulatedAws.CREDENTIALS_ID), null, null);

        aws.scheduler().runAll(10_000);

        assertThat(ledger.entry(entry.id()).stage()).isEqualTo(CleanupEntry.Stage.FAILED);
        assertThat(ledger.entry(entry.id()).outcome()).contains("Cleanup did not finish in time");
        assertThat(ledger.needingAttention()).extracting(CleanupEntry::id).containsExactly(entry.id());
    }

    @Test
    void ledgerFileThatCannotBeWritten_isWrittenAgainAtTheNextTick() {
        AtomicInteger failures = new AtomicInteger(2);
        List<List<CleanupEntry>> written = new ArrayList<>();
        LedgerStore flaky = new LedgerStore() {
            @Override
            public List<CleanupEntry> load() {
                return written.isEmpty() ? List.of() : written.get(written.size() - 1);
            }

            @Override
            public void save(List<CleanupEntry> entries) throws IOException {
                if (failures.getAndDecrement() > 0) {
                    throw new IOException("No space left on device");
                }
                written.add(entries);
            }
        };
        CleanupLedger ledger = new CleanupLedger(aws.runtime(), flaky, aws.builds());
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(30), Duration.ofHours(1), 3, "poll");
        ledger.adopt("scriptedStep", "deploy#8", null, stopped(op, SimulatedAws.CREDENTIALS_ID), null, null);

        aws.scheduler().runAll(1000);

        assertThat(ledger.isEmpty()).isTrue();
        assertThat(written.get(written.size() - 1)).singleElement()
                .satisfies(e -> assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED));
    }

    @Test
    void aStepHoldingAnEntryBeforeTheLedgerResumed_keepsWhatTheFileHeld() throws IOException {
        XmlLedgerStore store = new XmlLedgerStore(directory.resolve("ledger.xml"));
        CleanupEntry saved = new CleanupEntry("saved-1", "awsBakeAmi", "bake#4", null, "Bake of web",
                "aborting: terminating builder i-1", Instant.parse("2026-01-01T01:00:00Z"), null,
                Instant.parse("2026-01-01T00:00:00Z"), CleanupEntry.Stage.PENDING, null, null, false, new byte[] {1});
        store.save(List.of(saved));
        CleanupLedger ledger = new CleanupLedger(aws.runtime(), store, aws.builds());

        // A resumed build's step reaches its abort path before the controller's start has resumed the ledger.
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 2);
        assertThat(ledger.hold("held-1", 0, "scriptedStep", "deploy#3", null, stopped(op, SimulatedAws.CREDENTIALS_ID)))
                .isEqualTo(1);

        assertThat(store.load()).extracting(CleanupEntry::id).containsExactlyInAnyOrder("saved-1", "held-1");
        ledger.close();
    }

    @Test
    void xmlStore_roundTripsEveryFieldAndLeavesNoTemporaryFile() throws IOException {
        XmlLedgerStore store = new XmlLedgerStore(directory.resolve("ledger.xml"));
        CleanupEntry entry = new CleanupEntry("id-1", "awsAsgRollout", "folder/web & <api>#12", null, "Rollout of web",
                "ROLLBACK 3 of 6 « back »", Instant.parse("2026-01-01T01:00:00Z"), "STS returned Throttling: Rate exceeded",
                Instant.parse("2026-01-01T00:00:00Z"), CleanupEntry.Stage.PENDING, null, null, true, new byte[] {1, 2, 3, -1});

        store.save(List.of(entry));
        store.save(List.of(entry, entry.ended(CleanupEntry.Stage.FINISHED, "Done.", Instant.parse("2026-01-01T00:30:00Z"), new byte[0])));

        List<CleanupEntry> loaded = store.load();
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0)).usingRecursiveComparison().isEqualTo(entry);
        assertThat(loaded.get(1).outcome()).isEqualTo("Done.");
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ledger.xml");
        }
        assertThat(Files.readString(directory.resolve("ledger.xml"))).contains("<what>Rollout of web</what>");
    }

    @Test
    void xmlStore_roundTripsAHeldEntry_andReadsAnEntryWrittenBeforeLeasesAsTheLedgers() throws IOException {
        XmlLedgerStore store = new XmlLedgerStore(directory.resolve("ledger.xml"));
        CleanupEntry held = new CleanupEntry("id-2", "awsCodeDeploy", "deploy#3", null, "Deployment of web-app",
                "aborting: waiting for deployment d-1 to stop", Instant.parse("2026-01-01T01:00:00Z"), null,
                Instant.parse("2026-01-01T00:00:00Z"), CleanupEntry.Stage.PENDING, null, null, false, new byte[] {4, 5},
                CleanupEntry.Holder.STEP, 7, Instant.parse("2026-01-01T00:10:00Z"),
                "region us-east-1, credentials deployer, role arn:aws:iam::123456789012:role/deploy");
        store.save(List.of(held));
        assertThat(store.load()).singleElement().usingRecursiveComparison().isEqualTo(held);

        String xml = Files.readString(directory.resolve("ledger.xml"));
        Files.writeString(directory.resolve("ledger.xml"), xml.replaceAll("(?s)<holder>.*?</holder>|<generation>.*?</generation>"
                + "|<leaseUntil>.*?</leaseUntil>|<connection>.*?</connection>", ""));
        assertThat(store.load()).singleElement().satisfies(e -> {
            assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.LEDGER);
            assertThat(e.leaseUntil()).isNull();
            assertThat(e.held()).isFalse();
        });
    }

    @Test
    void controllerStart_takesOverAHeldEntryAtOnceWhenItsBuildIsGone() throws IOException {
        ScriptedOperation op = ScriptedOperation.of(Duration.ofSeconds(10), Duration.ofHours(1), 2);
        DurableOperation<?> aborting = stopped(op, SimulatedAws.CREDENTIALS_ID);
        assertThat(aws.runtime().ledger().hold("held-1", 0, "scriptedStep", "deleted-job#9", null, aborting)).isEqualTo(1);
        Instant killed = aws.clock().instant();

        aws.restartController();
        aws.scheduler().runAll(100);

        assertThat(aws.clock().instant()).isBefore(killed.plus(CleanupLedger.LEASE));
        assertThat(aws.runtime().ledger().entries()).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(CleanupEntry.Stage.FINISHED);
            assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.LEDGER);
        });
        assertThat(op.journal()).containsExactly("abort STOPPED 1", "abort STOPPED 2");
        assertThat(systemLog).anySatisfy(line -> assertThat(line).isEqualTo("deleted-job #9: [scriptedStep] Scripted operation"
                + " was still being cleaned up (aborting: waiting for step 1 of the script) when its build did not resume"
                + " after the controller restarted; the AWS Rollout cleanup ledger took it over and finishes it, watch it"
                + " under Manage Jenkins » AWS Rollout cleanups."));
    }
}
