package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor;
import io.jenkins.plugins.awsrollout.engine.elb.ElbWorlds;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/**
 * Issue #12's sweep: each of the four steps, in each phase where AWS holds something of the step's, meets each of
 * the things Jenkins does to a step (a {@code timeout} whose grace period ends it by force, a second stop, its
 * credentials deleted, saving the program failing five times, a controller restart while the cleanup ledger works, a
 * controller killed hard during the abort path whose build never resumes the step, the same with a build that stays
 * but whose step never comes back, so that its lease expires). Every time, nothing of the step's is left in AWS, the
 * build log says what happened, and the ledger ends empty.
 */
class StepLifecycleSweepTest {

    /** What Jenkins does to the step once it is in its phase. */
    enum Scenario { TIMEOUT, SECOND_STOP, CREDENTIALS_GONE, SAVES_FAIL, RESTART_DURING_LEDGER, HARD_KILL, LEASE_EXPIRES }

    /** A step in a phase: its world, the step, when it is in the phase, and what "nothing left" means. */
    record Case(
            String name,
            World.Builder world,
            Function<SimulatedAws, AwsStepBase> step,
            BiPredicate<SimulatedAws, TestStepContext> inPhase,
            Function<SimulatedAws, Object> before,
            Clean clean) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Clean {
        void check(SimulatedAws aws, Object before, TestStepContext build);
    }

    static Stream<Arguments> sweep() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : cases()) {
            for (Scenario s : Scenario.values()) {
                // While a lease runs out (10 minutes), an instance refresh or a CodeDeploy deployment whose stop never
                // reached AWS runs to its end on its own; (f) covers those cases with an immediate take-over.
                boolean runsOnItsOwn = c.name().contains("refresh") || c.name().startsWith("awsCodeDeploy");
                if (s != Scenario.LEASE_EXPIRES || !runsOnItsOwn) {
                    all.add(Arguments.of(c, s));
                }
            }
        }
        return all.stream();
    }

    static List<Case> cases() {
        return List.of(
                bake(BakeCursor.Phase.PROVISION),
                bake(BakeCursor.Phase.IMAGE),
                new Case("awsAsgRollout rolling, batch in flight", AsgWorlds.web(6), aws -> asg(aws, "rolling"),
                        (aws, b) -> aws.sim().calls().count("SetDesiredCapacity") >= 1,
                        aws -> aws.sim().state().group("web"), StepLifecycleSweepTest::groupAsBefore),
                new Case("awsAsgRollout refresh, refresh running", AsgWorlds.web(6), aws -> asg(aws, null),
                        (aws, b) -> aws.sim().state().group("web").instances("InService").stream()
                                .anyMatch(i -> i.launchTemplateVersion().equals("3")),
                        aws -> aws.sim().state().group("web"), StepLifecycleSweepTest::groupAsBefore),
                new Case("awsElbRegister register, waiting for healthy", ElbWorlds.fleet(30), aws -> {
                    AwsElbRegisterStep step = new AwsElbRegisterStep();
                    step.setInstanceIds(ElbWorlds.instances(aws.sim(), "spare"));
                    step.setTargetGroup("web-tg");
                    step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
                    return step;
                }, (aws, b) -> b.log().contains("Elb.InitialHealthChecking"), StepLifecycleSweepTest::registered,
                        StepLifecycleSweepTest::registrationsAsBefore),
                new Case("awsElbRegister deregister, draining", ElbWorlds.fleet(300), aws -> {
                    AwsElbRegisterStep step = new AwsElbRegisterStep();
                    step.setAction("deregister");
                    step.setInstanceIds(ElbWorlds.instances(aws.sim(), "web").subList(0, 1));
                    step.setTargetGroup("web-tg");
                    step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
                    return step;
                }, (aws, b) -> b.log().contains("DRAIN web-tg"), StepLifecycleSweepTest::registered,
                        StepLifecycleSweepTest::registrationsAsBefore),
                new Case("awsCodeDeploy, deployment in progress", CodeDeployWorlds.inPlace(4),
                        aws -> AwsCodeDeployStepTest.s3("web/2.0.zip"),
                        (aws, b) -> b.log().contains("InProgress: 0 of 4"), aws -> null,
                        StepLifecycleSweepTest::deploymentStopped));
    }

    private static Case bake(BakeCursor.Phase phase) {
        return new Case("awsBakeAmi " + phase, BakeWorld.world(), aws -> {
            AwsBakeAmiStep step = BakeWorld.userDataStep();
            step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
            return step;
        }, (aws, b) -> BakeWorld.cursor(b) != null && BakeWorld.cursor(b).phase() == phase, BakeWorld::seededImages,
                (aws, before, b) -> {
                    @SuppressWarnings("unchecked")
                    List<String> seeded = (List<String>) before;
                    BakeWorld.assertNothingLeftBehind(aws, seeded, List.of());
                });
    }

    private static AwsAsgRolloutStep asg(SimulatedAws aws, String strategy) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("base-v2").id());
        if (strategy != null) {
            step.setStrategy(strategy);
        }
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sweep")
    void nothingIsLeftInAws_theLogSaysWhatHappened_theLedgerEndsEmpty(Case c, Scenario scenario) throws Exception {
        List<String> systemLog = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
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
        Logger ledgerLogger = Logger.getLogger(CleanupLedger.class.getName());
        ledgerLogger.addHandler(capture);
        try (SimulatedAws aws = SimulatedAws.start(c.world().build())) {
            Object before = c.before().apply(aws);
            TestStepContext build = aws.context("deploy", 7);
            aws.start(c.step().apply(aws), build);
            aws.scheduler().runUntil(() -> build.isCompleted() || c.inPhase().test(aws, build), 1_000_000);
            assertThat(build.isCompleted()).as("ended before its phase:%n%s", build.log()).isFalse();

            CancellationException cause = new CancellationException("Timeout has been exceeded");
            boolean handedOver = act(aws, build, scenario, cause);
            // The controller keeps running: whatever the step or the ledger still has to do gets done.
            aws.scheduler().runAll(1_000_000);
            if (scenario == Scenario.HARD_KILL || scenario == Scenario.LEASE_EXPIRES) {
                // The build resumes the step after all, late: the ledger drives its cleanup, so the step only says so.
                assertThat(aws.runtime().ledger().isEmpty()).as("the ledger finished before the late resume").isTrue();
                int calls = aws.sim().calls().all().size();
                build.restart(aws.runtime());
                aws.scheduler().runAll(1_000_000);
                assertThat(aws.sim().calls().all()).as("AWS calls after the late resume").hasSize(calls);
            }

            String log = build.log();
            assertThat(build.isCompleted()).as(log).isTrue();
            // Only after a forced end does the step complete its (already completed) context again, as it cannot tell.
            assertThat(build.lateCompletions()).as("completed twice").isEqualTo(scenario == Scenario.TIMEOUT ? 1 : 0);
            c.clean().check(aws, before, build);
            assertThat(aws.runtime().ledger().isEmpty()).as("ledger: %s", aws.runtime().ledger().entries()).isTrue();
            // The step held its abort path in the ledger (the file was written); when the step finished it itself,
            // the ledger never drove it (a ledger-driven cleanup stays listed as finished).
            assertThat(aws.ledgerStore().file()).exists();
            if (scenario == Scenario.CREDENTIALS_GONE || scenario == Scenario.SAVES_FAIL || !handedOver) {
                assertThat(aws.runtime().ledger().entries()).as(log).isEmpty();
            }
            assertThat(aws.runtime().ledger().entries()).allSatisfy(e ->
                    assertThat(e.stage()).as(e.outcome()).isEqualTo(io.jenkins.plugins.awsrollout.steps.CleanupEntry.Stage.FINISHED));
            String fn = "[" + c.step().apply(aws).functionName() + "] ";
            switch (scenario) {
                case TIMEOUT -> {
                    assertThat(build.failure()).isSameAs(cause);
                    assertThat(log).contains(fn + "AWS WARNING: ",
                            " was ended by force while cleaning up and is still being cleaned up (",
                            "the AWS Rollout cleanup ledger finishes it, watch it under Manage Jenkins » AWS Rollout cleanups.",
                            fn + "Cleanup finished: ");
                }
                case SECOND_STOP, RESTART_DURING_LEDGER -> {
                    assertThat(build.failure()).isSameAs(cause);
                    assertThat(log).contains(handedOver
                            ? " was stopped again and is still being cleaned up ("
                            : " was stopped.");
                    if (handedOver) {
                        assertThat(log).contains(fn + "Cleanup finished: ");
                    }
                }
                case CREDENTIALS_GONE -> {
                    assertThat(build.failure()).hasMessageContaining(" could not go on: No AWS credentials with id 'sim-deployer'");
                    assertThat(log).contains(fn + "CREDENTIALS WARNING: No AWS credentials with id 'sim-deployer'",
                            "with the global connection");
                }
                case SAVES_FAIL -> {
                    assertThat(build.failure()).isSameAs(cause);
                    assertThat(log.split(Pattern.quote(fn + "SAVE WARNING: could not save the build's state"), -1)).hasSize(6);
                    assertThat(log).contains(" was stopped.");
                }
                case LEASE_EXPIRES -> {
                    assertThat(build.failure()).hasMessage(cause.getMessage());
                    // The build still runs: one sentence in its log when the lease expired, then how the cleanup ended.
                    assertThat(log.split(Pattern.quote(") when its step stopped renewing its lease; the AWS Rollout cleanup"
                            + " ledger took it over and finishes it, watch it under Manage Jenkins » AWS Rollout cleanups."), -1))
                            .as(log).hasSize(2);
                    assertThat(log).contains(fn + "Cleanup finished: ", " is being cleaned up by the AWS Rollout cleanup"
                            + " ledger, which took it over while this step was away; watch it under Manage Jenkins » AWS Rollout cleanups.");
                }
                case HARD_KILL -> {
                    // Revived from program.dat: the stop cause is a copy.
                    assertThat(build.failure()).hasMessage(cause.getMessage());
                    // The build is over: the ledger says what it does in the system log, one sentence, naming the build.
                    assertThat(systemLog).filteredOn(line -> line.contains("the AWS Rollout cleanup ledger took it over"))
                            .singleElement().asString().startsWith("deploy #7: " + fn).contains(
                                    " was still being cleaned up (aborting: waiting for ",
                                    ") when its build did not resume after the controller restarted; the AWS Rollout cleanup"
                                            + " ledger took it over and finishes it, watch it under Manage Jenkins » AWS Rollout cleanups.");
                    assertThat(systemLog).anySatisfy(line -> assertThat(line).startsWith("deploy #7: " + fn + "Cleanup finished: "));
                    // The late resume says where the cleanup went, and nothing more.
                    assertThat(log).contains(" is being cleaned up by the AWS Rollout cleanup ledger, which took it over while"
                            + " this step was away; watch it under Manage Jenkins » AWS Rollout cleanups.");
                }
                default -> throw new IllegalStateException();
            }
        } finally {
            ledgerLogger.removeHandler(capture);
        }
    }

    /** Does what Jenkins does in {@code scenario}; true when the step handed its abort path to the ledger. */
    private static boolean act(SimulatedAws aws, TestStepContext build, Scenario scenario, Throwable cause) throws Exception {
        switch (scenario) {
            case TIMEOUT -> {
                // TimeoutStepExecution: stop, wait the 60 s grace period, then end the body by force. AWS throttles
                // every call meanwhile, so that every abort path takes longer than the grace period.
                build.execution().stop(cause);
                aws.sim().faults().throttleAll(1.0);
                aws.scheduler().runUntil(build::isCompleted, aws.clock().instant().plus(Duration.ofSeconds(60)), 1_000_000);
                aws.sim().faults().clear();
                assertThat(build.isCompleted()).as("finished within the grace period:%n%s", build.log()).isFalse();
                build.forceEnd(cause);
                return true;
            }
            case SECOND_STOP -> {
                return secondStop(aws, build, cause);
            }
            case CREDENTIALS_GONE -> {
                aws.runtime().withoutCredentials(SimulatedAws.CREDENTIALS_ID);
                return false;
            }
            case SAVES_FAIL -> {
                build.failSaves(5);
                build.execution().stop(cause);
                return false;
            }
            case HARD_KILL -> {
                // The abort path starts under the step's lease (AWS throttles a while, so that it is under way)...
                build.execution().stop(cause);
                aws.sim().faults().throttleAll(1.0);
                aws.scheduler().runUntil(build::isCompleted, aws.clock().instant().plus(Duration.ofSeconds(20)), 1_000_000);
                aws.sim().faults().clear();
                assertThat(build.isCompleted()).as(build.log()).isFalse();
                assertThat(aws.ledgerStore().load()).singleElement().satisfies(e -> {
                    assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.STEP);
                    assertThat(e.buildId()).isEqualTo(build.buildId());
                    assertThat(e.leaseUntil()).isAfter(aws.clock().instant());
                });
                // ...then the controller is killed: the execution is dropped, and its build does not resume (its program
                // cannot be loaded, so Jenkins ends it): the ledger takes the abort path over as the controller starts.
                aws.builds().finished(build.buildId());
                aws.restartController();
                return true;
            }
            case LEASE_EXPIRES -> {
                // The abort path starts under the step's lease (AWS throttles a while, so that it is under way)...
                build.execution().stop(cause);
                aws.sim().faults().throttleAll(1.0);
                aws.scheduler().runUntil(build::isCompleted, aws.clock().instant().plus(Duration.ofSeconds(20)), 1_000_000);
                aws.sim().faults().clear();
                assertThat(build.isCompleted()).as(build.log()).isFalse();
                assertThat(aws.ledgerStore().load()).singleElement()
                        .satisfies(e -> assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.STEP));
                Instant leaseUntil = aws.ledgerStore().load().get(0).leaseUntil();
                // ...then the controller is killed; the build stays, but its step never comes back: the ledger waits
                // for the lease (one more term from the start, for Pipeline to resume the step), then takes over.
                aws.restartController();
                aws.scheduler().runUntil(() -> aws.runtime().ledger().entries().stream()
                        .noneMatch(CleanupEntry::held), 1_000_000);
                assertThat(aws.clock().instant()).isAfterOrEqualTo(leaseUntil);
                return true;
            }
            case RESTART_DURING_LEDGER -> {
                boolean handedOver = secondStop(aws, build, cause);
                // One ledger tick, then the controller restarts: the ledger resumes from its file.
                aws.scheduler().runUntil(() -> false, aws.clock().instant(), 10);
                assertThat(aws.ledgerStore().file()).exists();
                aws.restartController();
                return handedOver;
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Stops the step, lets its first abort tick run, and stops it again: the step completes at once, handing over
     * what is left (true), unless that first tick already undid everything (an ELB revert is one call), when the
     * second stop changes nothing (false).
     */
    private static boolean secondStop(SimulatedAws aws, TestStepContext build, Throwable cause) throws Exception {
        build.execution().stop(cause);
        Instant now = aws.clock().instant();
        aws.scheduler().runUntil(build::isCompleted, now, 1);
        boolean cleanupLeft = !build.isCompleted();
        build.execution().stop(new CancellationException("Stopped again"));
        aws.scheduler().runUntil(build::isCompleted, now, 10);
        assertThat(build.isCompleted()).as(build.log()).isTrue();
        // At once: no virtual time passed.
        assertThat(aws.clock().instant()).isEqualTo(now);
        return cleanupLeft;
    }

    private static void groupAsBefore(SimulatedAws aws, Object before, TestStepContext build) {
        SimState.GroupView was = (SimState.GroupView) before;
        SimState.GroupView now = aws.sim().state().group("web");
        assertThat(now.launchTemplateVersion()).as(build.log()).isEqualTo(was.launchTemplateVersion());
        assertThat(List.of(now.minSize(), now.maxSize(), now.desiredCapacity()))
                .isEqualTo(List.of(was.minSize(), was.maxSize(), was.desiredCapacity()));
        assertThat(now.suspendedProcesses()).isEmpty();
        List<SimState.GroupInstanceView> inService = now.instances("InService");
        assertThat(inService).hasSize(was.desiredCapacity())
                .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
        Map<String, io.jenkins.plugins.awsrollout.sim.elb.ElbRegion.TargetState> health = aws.sim().state().targetHealth("web-tg");
        assertThat(inService).allSatisfy(i -> assertThat(health.get(i.instanceId())).as(i.instanceId()).isNotNull()
                .satisfies(s -> assertThat(s.state()).isIn("healthy", "initial")));
    }

    /** The targets of web-tg that are registered (not draining). */
    private static Set<String> registered(SimulatedAws aws) {
        Set<String> ids = new TreeSet<>();
        aws.sim().state().targetHealth("web-tg").forEach((id, state) -> {
            if (!state.state().equals("draining")) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static void registrationsAsBefore(SimulatedAws aws, Object before, TestStepContext build) {
        assertThat(registered(aws)).as(build.log()).isEqualTo(before);
    }

    private static void deploymentStopped(SimulatedAws aws, Object before, TestStepContext build) {
        Matcher m = Pattern.compile("Created deployment (d-[A-Z0-9]{9})").matcher(build.log());
        assertThat(m.find()).as(build.log()).isTrue();
        try (CodeDeployClient codeDeploy = SimClients.of(aws.sim()).codeDeploy()) {
            String status = codeDeploy.getDeployment(r -> r.deploymentId(m.group(1))).deploymentInfo().statusAsString();
            assertThat(status).as(build.log()).isEqualTo("Stopped");
        }
        assertThat(aws.sim().calls().of("StopDeployment").stream().filter(io.jenkins.plugins.awsrollout.sim.Call::ok)).hasSize(1);
    }
}
