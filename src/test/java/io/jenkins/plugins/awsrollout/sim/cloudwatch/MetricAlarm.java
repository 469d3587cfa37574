package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** One metric alarm: its definition as PutMetricAlarm gave it, and its state. */
public final class MetricAlarm {
    final String name;
    final String arn;
    PutMetricAlarmRequest definition;
    Instant configurationUpdated;
    String state = "INSUFFICIENT_DATA";
    String stateReason = "Unchecked: Initial alarm creation";
    String stateReasonData;
    Instant stateUpdated;
    /** What moves it between OK and ALARM in the simulated world, or null (then only SetAlarmState does). */
    AlarmRule rule;

    MetricAlarm(String name, String arn, PutMetricAlarmRequest definition, Instant now) {
        this.name = name;
        this.arn = arn;
        this.definition = definition;
        this.configurationUpdated = now;
        this.stateUpdated = now;
    }

    public String name() {
        return name;
    }

    public String state() {
        return state;
    }

    public String stateReason() {
        return stateReason;
    }
}
