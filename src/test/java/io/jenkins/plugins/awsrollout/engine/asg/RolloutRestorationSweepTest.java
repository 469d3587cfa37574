package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * Exact restoration, proven by sweeping: a failure is injected at every position of a rollout (every phase, every step
 * of every batch, every progress of an instance refresh, forward and back), for both strategies, both capacity modes
 * and groups of 1 to 37 instances; each run must end either rolled out completely or put back exactly, must say which
 * in its summary line, and must never have taken healthy capacity under its floor.
 *
 * <p>The positions come from a clean run of the same case (each distinct cursor position, first tick reached). The
 * failure kinds take turns over the positions, shifted by one more for each case, so every position gets a failure
 * and every kind reaches every part of a rollout across the cases (a full product is six times longer and found
 * nothing more when it was run).
 */
class RolloutRestorationSweepTest {

    /** What goes wrong. */
    enum Fault {
        /** From now on, instances of the new version never pass their health checks. */
        UNHEALTHY,
        /** From now on, launches fail (insufficient capacity) until the rollout winds down. */
        FAILED_LAUNCHES,
        /**
         * From now on, new instances stay Pending:Wait (a launch lifecycle hook nobody completes) until the rollout winds
         * down: the case of issue 14, where the demo world's CodeDeploy hook held the instances of a bad image.
         * {@code rolling} only: an instance refresh waits for them as long as AWS does, which is the refresh's business.
         */
        STUCK_LAUNCHES,
        /** Half the calls are throttled for a few ticks. */
        THROTTLING,
        /** The build is stopped. */
        STOP,
        /** The rollout's deadline passes. */
        TIMEOUT,
        /** The controller restarts after the next tick's calls, before its save: the tick runs again. */
        RESTART
    }

    /** How a batch makes room. */
    enum Mode {
        /** The defaults: floor 100%, automatic ceiling: new instances first. */
        LAUNCH_FIRST,
        /** ceiling 100%, floor below: old instances leave first. */
        TERMINATE_FIRST
    }

    /**
     * @param pace the controller's Auto Scaling writes per second, or 0 for the default: a slow pace spreads a batch's
     *     terminations, so the next batch gets a head start ({@link HeadStart}) and every step of it is swept too
     */
    record Case(String strategy, Mode mode, int size, int pace) {

        Case(String strategy, Mode mode, int size) {
            this(strategy, mode, size, 0);
        }

        RolloutHarness harness() {
            RolloutHarness harness = new RolloutHarness(size, request());
            if (pace > 0) {
                harness.aws.runtime().sessions().pacing().configure(new ApiRates(pace, ApiRates.DEFAULT_ELB));
            }
            return harness;
        }

        AsgRolloutRequest.Builder request() {
            AsgRolloutRequest.Builder request = AsgRolloutRequest.builder("web").strategy(strategy).healthCheckTimeoutMinutes(5)
                    .scaleInProtectedInstances("Ignore").standbyInstances("Ignore");
            if (mode == Mode.LAUNCH_FIRST) {
                return request;
            }
            return request.minHealthyPercentage(size == 1 ? 0 : 50).maxHealthyPercentage(100);
        }

        @Override
        public String toString() {
            return strategy + " " + mode + " " + size + (pace > 0 ? " at " + pace + " writes/s" : "");
        }
    }

    static final int[] SIZES = {1, 2, 3, 6, 10, 37};

    @TestFactory
    Stream<DynamicNode> everyFailureAtEveryStep() {
        List<DynamicNode> cases = new ArrayList<>();
        int shift = 0;
        for (String strategy : List.of("rolling", "instanceRefresh")) {
            for (Mode mode : Mode.values()) {
                for (int size : SIZES) {
                    Case c = new Case(strategy, mode, size);
                    int caseShift = shift++;
                    cases.add(DynamicContainer.dynamicContainer(c.toString(), Stream.of(c).flatMap(x -> tests(x, caseShift))));
                }
            }
        }
        // The head start: batches of 5 and 3 old instances at 2 terminations a second, the next batch under way while
        // one batch's new instances turn healthy.
        for (Mode mode : Mode.values()) {
            Case c = new Case("rolling", mode, 10, 2);
            int caseShift = shift++;
            cases.add(DynamicContainer.dynamicContainer(c.toString(), Stream.of(c).flatMap(x -> tests(x, caseShift))));
        }
        return cases.stream();
    }

    private Stream<DynamicNode> tests(Case c, int shift) {
        List<String> positions;
        try (RolloutHarness clean = c.harness()) {
            Set<String> seen = new LinkedHashSet<>();
            while (!clean.over()) {
                seen.add(RolloutHarness.position(clean.cursor()));
                clean.tick();
            }
            assertThat(clean.outcome()).as(c + " clean run:\n" + String.join("\n", clean.log))
                    .isInstanceOf(OperationRun.Next.Succeeded.class);
            positions = List.copyOf(seen);
        }
        if (c.pace() > 0) {
            // Terminate first, the next batch's old instances leave while this batch's new ones turn healthy; launch
            // first, this batch's retired instances leave into the next batch's capacity.
            assertThat(positions).as(c + ": the next batch gets a head start")
                    .anyMatch(p -> c.mode() == Mode.TERMINATE_FIRST ? p.contains("AWAIT_HEALTHY/next-") && p.contains("-started")
                            : p.contains("TERMINATE_RETIRE/next-"));
        }
        List<DynamicNode> tests = new ArrayList<>();
        List<Fault> faults = new ArrayList<>(List.of(Fault.values()));
        if (!c.strategy().equals("rolling")) {
            faults.remove(Fault.STUCK_LAUNCHES);
        }
        for (int i = 0; i < positions.size(); i++) {
            String position = positions.get(i);
            // Every fault at every position of the head start's cases; one fault per position elsewhere, in turn.
            List<Fault> chosen = c.pace() > 0 ? faults : List.of(faults.get((i + shift) % faults.size()));
            for (Fault fault : chosen) {
                tests.add(DynamicTest.dynamicTest(fault + " at " + position, () -> faultAt(c, position, fault)));
            }
        }
        return tests.stream();
    }

    private void faultAt(Case c, String position, Fault fault) {
        try (RolloutHarness h = c.harness()) {
            Map<String, Object> before = h.restorable();
            h.tickUntil(x -> RolloutHarness.position(x.cursor()).equals(position));
            assertThat(h.over()).as("position " + position + " reached").isFalse();
            boolean finishing = h.cursor().phase() == AsgRolloutCursor.Phase.FINISH;
            inject(h, c, fault);
            h.runToEnd();
            String log = c + ", " + fault + " at " + position + ":\n" + String.join("\n", h.log);

            AsgRolloutCursor end = h.cursor();
            boolean succeeded = h.outcome() instanceof OperationRun.Next.Succeeded;
            boolean rolledOut = succeeded || end.outcome() != null && end.outcome().success();
            if (fault == Fault.THROTTLING || fault == Fault.RESTART) {
                assertThat(succeeded).as("succeeds despite the fault: " + log).isTrue();
            }
            if ((fault == Fault.STOP || fault == Fault.TIMEOUT) && !finishing) {
                assertThat(rolledOut).as("a stop or timeout puts the group back: " + log).isFalse();
            }
            SimState.GroupView group = h.group();
            String targetVersion = end.template() == null ? null : end.template().targetVersion();
            List<SimState.GroupInstanceView> live = group.instances().stream()
                    .filter(i -> !i.lifecycleState().startsWith("Terminating")).toList();
            if (rolledOut && targetVersion != null) {
                Map<String, Object> expected = new java.util.TreeMap<>(before);
                expected.put("launchTemplateVersion", targetVersion);
                assertThat(h.restorable()).as("rolled out, everything else as it was: " + log).isEqualTo(expected);
                Set<String> kept = new TreeSet<>();
                kept.addAll(castSet(before.get("protected")));
                kept.addAll(castSet(before.get("standby")));
                assertThat(live).as("every instance on the new version: " + log)
                        .allSatisfy(i -> assertThat(i.launchTemplateVersion().equals(targetVersion) || kept.contains(i.instanceId()))
                                .as(i.toString()).isTrue());
            } else {
                assertThat(h.restorable()).as("put back exactly: " + log).isEqualTo(before);
                assertThat(live).as("no instance of the new version left: " + log)
                        .allSatisfy(i -> assertThat(i.launchTemplateVersion()).as(i.toString()).isEqualTo(RolloutHarness.START_VERSION));
            }
            Set<String> inService = new TreeSet<>(h.inServiceIds());
            Map<String, ElbRegion.TargetState> targets = h.aws.sim().state().targetHealth("web-tg");
            Set<String> registered = new TreeSet<>();
            targets.forEach((id, state) -> {
                if (!state.state().equals("draining") && !state.state().equals("unused")) {
                    registered.add(id);
                }
            });
            assertThat(registered).as("registered in web-tg = in service: " + log).isEqualTo(inService);
            assertThat(inService).as("healthy: " + log).allSatisfy(id -> assertThat(targets.get(id).state()).isEqualTo("healthy"));
            assertThat(inService).as("desired in service: " + log).hasSize((Integer) before.get("desired"));
            int desired = (Integer) before.get("desired");
            int floor = (int) Math.ceil(desired * c.request().build().minHealthyPercentage() / 100.0);
            // An instance refresh's rollback is AWS's: it replaces at least one instance per batch even at the floor (as
            // documented), so the floor is the rollout's to keep until AWS starts rolling back.
            Instant until = h.refreshRollingBackSince() != null ? h.refreshRollingBackSince() : h.aws.clock().instant();
            if (until.isAfter(SimulatedAws.EPOCH)) {
                assertThat(h.aws.sim().capacity("web").minHealthy(SimulatedAws.EPOCH, until)).as("healthy capacity never under the floor "
                        + floor + " until " + until + ": " + h.aws.sim().capacity("web").samples() + "\n" + log)
                        .isGreaterThanOrEqualTo(floor);
            }
            if (end.facts() != null) {
                String done = h.log.stream().filter(l -> l.startsWith("DONE ")).reduce((a, b) -> b).orElse("");
                assertThat(done).as("summary says the version running now: " + log)
                        .contains("web runs launch template version " + group.launchTemplateVersion());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> castSet(Object value) {
        return (Set<String>) value;
    }

    private void inject(RolloutHarness h, Case c, Fault fault) {
        switch (fault) {
            case UNHEALTHY -> h.failHealthChecksOfNewLaunches();
            case FAILED_LAUNCHES -> {
                if (c.strategy().equals("instanceRefresh")) {
                    // Exactly the failed replacements after which an instance refresh fails (and rolls back).
                    h.aws.sim().faults().failLaunches(3);
                } else {
                    h.aws.sim().faults().failLaunches(1_000_000);
                    h.tickUntil(x -> x.cursor().ending() != null || x.run().aborting() != null);
                    h.aws.sim().faults().failLaunches(0);
                }
            }
            case STUCK_LAUNCHES -> {
                AutoScalingClient asg = h.aws.session(h.aws.sim().region()).autoScaling();
                asg.putLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("never-completed")
                        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(7200).defaultResult("ABANDON"));
                h.tickUntil(x -> x.cursor().ending() != null || x.run().aborting() != null);
                asg.deleteLifecycleHook(r -> r.autoScalingGroupName("web").lifecycleHookName("never-completed"));
            }
            case THROTTLING -> {
                h.aws.sim().faults().throttleAll(0.5);
                for (int i = 0; i < 5 && !h.over(); i++) {
                    h.tick();
                }
                h.aws.sim().faults().clear();
            }
            case STOP -> h.abort(AbortReason.STOPPED, "Aborted by user.");
            case TIMEOUT -> h.abort(AbortReason.DEADLINE, "Rollout of Auto Scaling group web timed out.");
            case RESTART -> h.restartDuringNextTick();
        }
    }
}
