package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@code alarms} with the {@code rolling} strategy, on the simulator: the plugin reads the alarms once per tick while
 * it rolls forward, and the first in ALARM fails the batch in flight, which rolls back exactly like any failed batch.
 */
class RollingAlarmsTest {

    private static final String REASON = "Threshold Crossed: 1 datapoint [12.0 (06/12/26 12:00:00)] was greater than the threshold (5.0).";

    /** Four instances, one per batch, with an optional warm-up. */
    private static AsgRolloutRequest.Builder rolling(List<String> alarms) {
        return AsgRolloutRequest.builder("web").strategy("rolling").batchSize("1").healthCheckTimeoutMinutes(5).alarms(alarms);
    }

    /** Defines {@code name} in OK, as a user's alarm on the group's 5xx errors. */
    private static void alarm(RolloutHarness h, String name) {
        CloudWatchClient cloudWatch = h.aws.session(h.aws.sim().region()).cloudWatch();
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(5.0).comparisonOperator("GreaterThanThreshold"));
        cloudWatch.setAlarmState(r -> r.alarmName(name).stateValue("OK").stateReason("Threshold Crossed: no datapoint was greater "
                + "than the threshold."));
    }

    private static void raise(RolloutHarness h, String name) {
        h.aws.session(h.aws.sim().region()).cloudWatch().setAlarmState(r -> r.alarmName(name).stateValue("ALARM").stateReason(REASON));
    }

    private static Predicate<RolloutHarness> at(String position) {
        return h -> RolloutHarness.position(h.cursor()).equals(position);
    }

    private static String log(RolloutHarness h) {
        return String.join("\n", h.log);
    }

    /** Ticks to the end, counting the ticks that roll forward (those check the alarms). */
    private static int runCountingForwardTicks(RolloutHarness h) {
        int forward = 0;
        while (!h.over()) {
            AsgRolloutCursor c = h.cursor();
            if (c.phase() == AsgRolloutCursor.Phase.ROLL && c.ending() == null && !c.rolling().reverse()) {
                forward++;
            }
            h.tick();
        }
        return forward;
    }

    /** The group is as it was and every instance left runs the first version, as in RolloutRestorationSweepTest. */
    private static void assertPutBack(RolloutHarness h, Map<String, Object> before) {
        assertThat(h.restorable()).as("put back exactly: " + log(h)).isEqualTo(before);
        List<SimState.GroupInstanceView> live = h.group().instances().stream()
                .filter(i -> !i.lifecycleState().startsWith("Terminating")).toList();
        assertThat(live).as("no instance of the new version left: " + log(h))
                .allSatisfy(i -> assertThat(i.launchTemplateVersion()).as(i.toString()).isEqualTo(RolloutHarness.START_VERSION));
        assertThat(h.group().instances("InService")).hasSize((Integer) before.get("desired"));
    }

    private static String failure(RolloutHarness h) {
        return h.cursor().outcome() == null ? "" : h.cursor().outcome().reason();
    }

    @Test
    void alarmsStayingOk_rollOutCompletely_withOneDescribeAlarmsPerForwardTick() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx", "web-latency")))) {
            alarm(h, "web-5xx");
            alarm(h, "web-latency");
            int forwardTicks = runCountingForwardTicks(h);

            assertThat(h.outcome()).as(log(h)).isInstanceOf(OperationRun.Next.Succeeded.class);
            assertThat(h.group().instances("InService")).hasSize(4).allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("2"));
            assertThat(h.log).contains("PLAN Alarms web-5xx (OK), web-latency (OK): one going to ALARM fails the rollout and rolls it "
                    + "back (read once per poll of the batches).");
            List<Call> describes = h.aws.sim().calls().of("DescribeAlarms");
            // One at the preflight, then one per tick of the batches; both alarms in each call.
            assertThat(describes).hasSize(1 + forwardTicks);
            assertThat(describes).allSatisfy(c -> {
                assertThat(c.param("AlarmNames.member.1")).isEqualTo("web-5xx");
                assertThat(c.param("AlarmNames.member.2")).isEqualTo("web-latency");
            });
        }
    }

    @Test
    void withoutAlarms_noCloudWatchCall_andAlarmsCostOnlyTheirDescribeAlarms() {
        Map<String, Long> without;
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of()))) {
            h.aws.sim().calls().clear();
            h.runToEnd();
            assertThat(h.outcome()).as(log(h)).isInstanceOf(OperationRun.Next.Succeeded.class);
            assertThat(h.aws.sim().calls().matching(c -> c.service().equals("cloudwatch") || c.action().contains("Alarm"))).isEmpty();
            without = new TreeMap<>(h.aws.sim().calls().countsByAction());
        }
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")))) {
            alarm(h, "web-5xx");
            h.aws.sim().calls().clear();
            h.runToEnd();
            assertThat(h.outcome()).as(log(h)).isInstanceOf(OperationRun.Next.Succeeded.class);
            Map<String, Long> with = new TreeMap<>(h.aws.sim().calls().countsByAction());
            assertThat(with.remove("DescribeAlarms")).isPositive();
            assertThat(with).as("every other call as without alarms").isEqualTo(without);
        }
    }

    @Test
    void alarmDuringBatchTwosHealthWait_rollsBackExactly() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")))) {
            alarm(h, "web-5xx");
            Map<String, Object> before = h.restorable();
            h.tickUntil(at("ROLL/forward/batch-2-AWAIT_HEALTHY"));
            assertThat(h.over()).as(log(h)).isFalse();
            raise(h, "web-5xx");
            int describesBefore = h.aws.sim().calls().of("DescribeAlarms").size();
            h.tick();
            assertThat(h.cursor().ending()).as("the next tick fails the batch").isNotNull();
            assertThat(h.aws.sim().calls().of("DescribeAlarms")).hasSize(describesBefore + 1);
            int describesAtFailure = h.aws.sim().calls().of("DescribeAlarms").size();
            h.runToEnd();

            assertThat(h.cursor().outcome().status()).as(log(h)).isEqualTo(Outcome.Status.RolledBack);
            assertThat(failure(h)).startsWith("Rollout of web to web-lt version 2 failed in batch 2: alarm web-5xx went to ALARM "
                    + "(" + REASON.substring(0, REASON.length() - 1) + ").");
            assertThat(log(h)).contains("WARNING ROLLBACK Rollout of web to web-lt version 2 failed in batch 2: alarm web-5xx went "
                    + "to ALARM (Threshold Crossed: ");
            assertPutBack(h, before);
            assertThat(h.aws.sim().calls().of("DescribeAlarms")).as("the rollback does not read alarms").hasSize(describesAtFailure);
        }
    }

    @Test
    void alarmDuringWarmup_rollsBackExactly() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")).instanceWarmupSeconds(300))) {
            alarm(h, "web-5xx");
            Map<String, Object> before = h.restorable();
            h.tickUntil(at("ROLL/forward/batch-2-WARMUP"));
            assertThat(h.over()).as(log(h)).isFalse();
            raise(h, "web-5xx");
            h.runToEnd();

            assertThat(h.cursor().outcome().status()).as(log(h)).isEqualTo(Outcome.Status.RolledBack);
            assertThat(failure(h)).contains("failed in batch 2: alarm web-5xx went to ALARM (Threshold Crossed: ");
            assertPutBack(h, before);
        }
    }

    @Test
    void longWarmup_isPacedByTheLongestPollInterval_soAnAlarmIsSeenDuringIt() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")).instanceWarmupSeconds(1800))) {
            alarm(h, "web-5xx");
            h.tickUntil(at("ROLL/forward/batch-2-WARMUP"));
            java.time.Instant warmupEnd = h.cursor().rolling().batch().until();
            java.time.Duration longest = h.cursor().poll().backoff().max();
            int describes = h.aws.sim().calls().of("DescribeAlarms").size();
            h.tick();
            h.tick();
            assertThat(h.aws.sim().calls().of("DescribeAlarms")).as("read during the warm-up").hasSize(describes + 2);
            raise(h, "web-5xx");
            java.time.Instant raised = h.aws.clock().instant();
            h.tickUntil(x -> x.cursor().ending() != null);

            assertThat(h.aws.clock().instant()).as("seen within one poll interval, long before the warm-up ends at " + warmupEnd)
                    .isBeforeOrEqualTo(raised.plus(longest)).isBefore(warmupEnd);
            h.runToEnd();
            assertThat(h.cursor().outcome().status()).as(log(h)).isEqualTo(Outcome.Status.RolledBack);
        }
    }

    @Test
    void longWarmup_withoutAlarms_isOneWait() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of()).instanceWarmupSeconds(1800))) {
            h.tickUntil(at("ROLL/forward/batch-2-WARMUP"));
            java.time.Instant warmupEnd = h.cursor().rolling().batch().until();
            h.tick();
            assertThat(h.aws.clock().instant()).isEqualTo(warmupEnd);
        }
    }

    @Test
    void alarmWithAutoRollbackOff_failsAndUndoesNothing() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")).autoRollback(false))) {
            alarm(h, "web-5xx");
            h.tickUntil(at("ROLL/forward/batch-2-AWAIT_HEALTHY"));
            raise(h, "web-5xx");
            h.runToEnd();

            assertThat(h.cursor().outcome().status()).as(log(h)).isEqualTo(Outcome.Status.Failed);
            assertThat(failure(h)).contains("failed in batch 2: alarm web-5xx went to ALARM (Threshold Crossed: ",
                    "autoRollback is off, so nothing was undone");
            assertThat(h.group().launchTemplateVersion()).as("still pinned to the new version").isEqualTo("2");
            assertThat(h.group().instances("InService")).filteredOn(i -> i.launchTemplateVersion().equals("2")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(h.log).noneMatch(l -> l.startsWith("ROLLBACK") || l.startsWith("WARNING ROLLBACK"));
            assertThat(h.aws.sim().calls().of("ResumeProcesses")).as("the processes are resumed as after any failure").isNotEmpty();
        }
    }

    @Test
    void missingAlarm_failsThePreflight_beforeAnythingChanges() {
        for (String strategy : List.of("rolling", "instanceRefresh")) {
            try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx", "web-latncy")).strategy(strategy).batchSize(
                    strategy.equals("rolling") ? "1" : null))) {
                alarm(h, "web-5xx");
                h.aws.sim().calls().clear();
                h.runToEnd();

                assertThat(h.outcome()).as(log(h)).isInstanceOf(OperationRun.Next.Ended.class);
                assertThat(((OperationRun.Next.Ended<AsgRolloutCursor>) h.outcome()).message()).isEqualTo("No CloudWatch alarm named "
                        + "web-latncy in us-east-1 (alarms): nothing was changed; check the name and the region (aws cloudwatch "
                        + "describe-alarms --alarm-names web-latncy).");
                assertThat(h.aws.sim().calls().mutating()).as(strategy).isEmpty();
                assertThat(h.aws.sim().calls().of("DescribeAlarms")).hasSize(1);
            }
        }
    }

    @Test
    void alarmAlreadyInAlarm_refusesTheRollout_beforeAnythingChanges() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")))) {
            alarm(h, "web-5xx");
            raise(h, "web-5xx");
            h.aws.sim().calls().clear();
            h.runToEnd();

            assertThat(((OperationRun.Next.Ended<AsgRolloutCursor>) h.outcome()).message()).startsWith("Alarm web-5xx is already in "
                    + "ALARM (Threshold Crossed: 1 datapoint").endsWith("), so no batch of web could pass; nothing was changed. Roll "
                    + "out once it is back to OK.");
            assertThat(h.aws.sim().calls().mutating()).isEmpty();
        }
    }

    @Test
    void throttledDescribeAlarms_isTransient() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")))) {
            alarm(h, "web-5xx");
            h.tickUntil(at("ROLL/forward/batch-2-AWAIT_HEALTHY"));
            // More than the SDK's own retries: the driver backs off and ticks again.
            h.aws.sim().faults().throttleNext("DescribeAlarms", 8);
            h.runToEnd();

            assertThat(h.outcome()).as(log(h)).isInstanceOf(OperationRun.Next.Succeeded.class);
            assertThat(h.aws.sim().calls().throttled()).extracting(Call::action).contains("DescribeAlarms");
        }
    }

    @Test
    void restartsDuringAnAlarmTriggeredRollback_finishIt() {
        try (RolloutHarness h = new RolloutHarness(4, rolling(List.of("web-5xx")))) {
            alarm(h, "web-5xx");
            Map<String, Object> before = h.restorable();
            h.tickUntil(at("ROLL/forward/batch-3-AWAIT_HEALTHY"));
            raise(h, "web-5xx");
            // A restart during the tick that sees the alarm: the tick runs again from the last save and sees it again.
            h.restartDuringNextTick();
            assertThat(h.cursor().ending()).isNull();
            h.tickUntil(x -> x.cursor().ending() != null);
            // The controller restarts after the calls of a tick and before its save, again and again through the rollback.
            int restarts = 0;
            while (!h.over() && restarts < 12) {
                h.restartDuringNextTick();
                h.tick();
                restarts++;
            }
            h.runToEnd();

            assertThat(h.cursor().outcome().status()).as(log(h)).isEqualTo(Outcome.Status.RolledBack);
            assertThat(failure(h)).contains("failed in batch 3: alarm web-5xx went to ALARM");
            assertPutBack(h, before);
        }
    }

    /**
     * The alarm goes off at every position a forward rollout passes through (each step of each batch, between batches),
     * for groups of 1, 3 and 6 and both ways of making room: every run rolls back and puts the group back exactly.
     */
    @TestFactory
    Stream<DynamicTest> alarmAtEveryForwardPosition_rollsBackExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int size : new int[] {1, 3, 6}) {
            for (boolean launchFirst : new boolean[] {true, false}) {
                AsgRolloutRequest.Builder request = AsgRolloutRequest.builder("web").strategy("rolling").healthCheckTimeoutMinutes(5)
                        .scaleInProtectedInstances("Ignore").standbyInstances("Ignore").instanceWarmupSeconds(60)
                        .alarms(List.of("web-5xx"));
                if (!launchFirst) {
                    request.minHealthyPercentage(size == 1 ? 0 : 50).maxHealthyPercentage(100);
                }
                Set<String> positions = new LinkedHashSet<>();
                try (RolloutHarness clean = new RolloutHarness(size, request)) {
                    alarm(clean, "web-5xx");
                    while (!clean.over()) {
                        AsgRolloutCursor c = clean.cursor();
                        if (c.phase() == AsgRolloutCursor.Phase.ROLL && c.ending() == null && !c.rolling().reverse()) {
                            positions.add(RolloutHarness.position(c));
                        }
                        clean.tick();
                    }
                    assertThat(clean.outcome()).as(log(clean)).isInstanceOf(OperationRun.Next.Succeeded.class);
                }
                for (String position : positions) {
                    String name = size + (launchFirst ? " launch-first" : " terminate-first") + ", alarm at " + position;
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        try (RolloutHarness h = new RolloutHarness(size, request)) {
                            alarm(h, "web-5xx");
                            Map<String, Object> before = h.restorable();
                            h.tickUntil(at(position));
                            raise(h, "web-5xx");
                            h.runToEnd();
                            String log = name + ":\n" + log(h);
                            assertThat(h.cursor().outcome()).as(log).isNotNull();
                            assertThat(h.cursor().outcome().status()).as(log).isEqualTo(Outcome.Status.RolledBack);
                            assertThat(failure(h)).as(log).contains(": alarm web-5xx went to ALARM (Threshold Crossed: ");
                            assertPutBack(h, before);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }
}
