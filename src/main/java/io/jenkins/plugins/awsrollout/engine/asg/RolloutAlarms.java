package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The {@code alarms} of a rollout, read by the plugin itself: at the preflight (for both strategies) every named alarm
 * must exist and none may be in {@code ALARM}; during a {@code rolling} rollout going forward, every tick reads them
 * once and the first in {@code ALARM} fails the batch in flight, which then rolls back like any failed batch (an
 * instance refresh has AWS watch them instead). A rollout without alarms never calls CloudWatch.
 */
final class RolloutAlarms {

    /** Enough of a StateReason for one sentence; AWS allows 1023 characters. */
    private static final int REASON_LENGTH = 300;

    private RolloutAlarms() {}

    /**
     * Why the rollout cannot start with its alarms, or empty: one DescribeAlarms (at most 10 names, one page). An alarm
     * already in ALARM refuses the rollout, as an instance refresh fails as soon as one of its alarms is in ALARM: no
     * batch could ever pass. Otherwise the plan says which alarms gate the rollout, in which state.
     */
    static Optional<String> refusal(AwsSession aws, AsgRolloutRequest request, Progress progress) {
        if (request.alarms().isEmpty()) {
            return Optional.empty();
        }
        Map<String, State> states = states(aws, request.alarms());
        List<String> missing = request.alarms().stream().filter(name -> !states.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("No CloudWatch alarm named " + String.join(", ", missing) + " in " + aws.region() + " (alarms): "
                    + "nothing was changed; check the name and the region (aws cloudwatch describe-alarms --alarm-names "
                    + String.join(" ", missing) + ").");
        }
        for (String name : request.alarms()) {
            State state = states.get(name);
            if (state.inAlarm()) {
                return Optional.of("Alarm " + name + " is already in ALARM (" + reason(state.reason()) + "), so no batch of "
                        + request.autoScalingGroup() + " could pass; nothing was changed. Roll out once it is back to OK.");
            }
        }
        List<String> watched = request.alarms().stream().map(name -> name + " (" + states.get(name).value() + ")").toList();
        progress.report("PLAN", "Alarms " + String.join(", ", watched) + ": one going to ALARM fails the rollout"
                + (request.autoRollback() ? " and rolls it back" : "") + (request.strategy() == RolloutStrategy.ROLLING
                        ? " (read once per poll of the batches)." : " (AWS watches them during the refresh)."));
        return Optional.empty();
    }

    /**
     * The rolling check, from the top of a tick of the batches: when the rollout goes forward and has alarms, one
     * DescribeAlarms; the first alarm (in the order given) in ALARM fails the batch in flight. Null when the rollout
     * goes on. Throttling and other transient errors reach the driver, which backs off and ticks again.
     */
    static @CheckForNull Tick<AsgRolloutCursor> check(AsgRolloutRequest request, AsgRolloutCursor cursor, Fleet fleet,
            TickContext context) {
        if (!watching(request, cursor)) {
            return null;
        }
        Map<String, State> states = states(context.aws(), request.alarms());
        for (String name : request.alarms()) {
            State state = states.get(name);
            if (state != null && state.inAlarm()) {
                return RollingPhases.batchFailed(request, cursor, fleet, "alarm " + name + " went to ALARM (" + reason(state.reason()) + ")",
                        context);
            }
        }
        return null;
    }

    /** True while a rolling rollout with alarms goes forward: the rollback and a cancel do not read them. */
    static boolean watching(AsgRolloutRequest request, AsgRolloutCursor cursor) {
        return !request.alarms().isEmpty() && cursor.ending() == null && cursor.rolling() != null && !cursor.rolling().reverse();
    }

    /**
     * With alarms, a forward wait longer than the longest poll interval (a long warm-up, a checkpoint pause, a slow
     * drain) is cut to it, so the alarms are read during it too, not only at its end: every wait of the batches looks at
     * its own deadline again when woken early.
     */
    static Tick<AsgRolloutCursor> paced(AsgRolloutRequest request, Tick<AsgRolloutCursor> next) {
        if (next instanceof Tick.Again<AsgRolloutCursor> again && watching(request, again.cursor())) {
            Duration longest = again.cursor().poll().backoff().max();
            if (again.delay().compareTo(longest) > 0) {
                return Tick.after(again.cursor(), longest);
            }
        }
        return next;
    }

    /** Name to state of the alarms that exist among {@code names}, metric and composite. */
    private static Map<String, State> states(AwsSession aws, List<String> names) {
        DescribeAlarmsResponse response = aws.cloudWatch().describeAlarms(r -> r.alarmNames(names)
                .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(100));
        Map<String, State> states = new LinkedHashMap<>();
        for (MetricAlarm alarm : response.metricAlarms()) {
            states.put(alarm.alarmName(), new State(alarm.stateValueAsString(), alarm.stateReason()));
        }
        for (CompositeAlarm alarm : response.compositeAlarms()) {
            states.put(alarm.alarmName(), new State(alarm.stateValueAsString(), alarm.stateReason()));
        }
        return states;
    }

    /** An alarm's StateValue and StateReason. */
    private record State(String value, @CheckForNull String reason) {
        boolean inAlarm() {
            return "ALARM".equals(value);
        }
    }

    private static String reason(@CheckForNull String stateReason) {
        if (stateReason == null || stateReason.isBlank()) {
            return "no reason given";
        }
        String reason = stateReason.strip().replaceAll("\\s+", " ").replaceAll("\\.+$", "");
        return reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) + "..." : reason;
    }
}
