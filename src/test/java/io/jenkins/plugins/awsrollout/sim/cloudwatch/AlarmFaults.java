package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import java.time.Duration;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Alarms that go off in the simulated world (each creates the alarm when it does not exist yet, in the default region):
 * {@code alarmWhen(alarm, targetGroup, n)} is in ALARM while more than n targets of the group are unhealthy,
 * {@code alarmAfter(alarm, action, delay)} from {@code delay} after the first successful call of {@code action}.
 */
public final class AlarmFaults {
    private final Cloud cloud;

    private AlarmFaults(Cloud cloud) {
        this.cloud = cloud;
    }

    public static AlarmFaults of(AwsSimulator sim) {
        return new AlarmFaults(sim.cloud());
    }

    public AlarmFaults alarmWhen(String alarmName, String targetGroupName, int moreThanUnhealthy) {
        return rule(alarmName, "AWS/ApplicationELB", "UnHealthyHostCount", moreThanUnhealthy,
                new AlarmRule.UnhealthyTargets(targetGroupName, moreThanUnhealthy));
    }

    public AlarmFaults alarmAfter(String alarmName, String action, Duration delay) {
        return rule(alarmName, "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", 0, new AlarmRule.After(action, delay));
    }

    private AlarmFaults rule(String alarmName, String namespace, String metric, double threshold, AlarmRule rule) {
        cloud.locked(() -> {
            CloudRegion region = cloud.defaultRegion();
            apply(cloud, region, alarmName, namespace, metric, threshold, rule);
            return null;
        });
        return this;
    }

    /** Defines the alarm if it is missing and gives it its rule; under the cloud's lock. */
    static MetricAlarm apply(Cloud cloud, CloudRegion region, String alarmName, String namespace, String metric, double threshold,
            AlarmRule rule) {
        CloudWatchRegion alarms = CloudWatchRegion.of(cloud, region);
        MetricAlarm alarm = alarms.alarms().get(alarmName);
        if (alarm == null) {
            alarm = alarms.put(PutMetricAlarmRequest.builder().alarmName(alarmName).namespace(namespace).metricName(metric)
                    .statistic("Maximum").period(60).evaluationPeriods(1).threshold(threshold)
                    .comparisonOperator("GreaterThanThreshold").build());
            alarms.setState(alarm, "OK", "Threshold Crossed: no datapoint breached the threshold.", null);
        }
        alarms.rule(alarm, rule);
        return alarm;
    }
}
