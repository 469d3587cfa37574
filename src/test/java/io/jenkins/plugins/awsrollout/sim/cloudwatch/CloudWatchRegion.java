package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.RefreshAlarms;
import io.jenkins.plugins.awsrollout.sim.codedeploy.DeploymentAlarms;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * One region's CloudWatch alarms. Alarms with a rule are evaluated every {@link #EVALUATION} of simulated time (the
 * evaluator runs only while such alarms exist); an alarm entering ALARM stops what watches it: instance refreshes whose
 * AlarmSpecification names it (rolled back when they may be) and CodeDeploy deployments whose alarm configuration does.
 */
public final class CloudWatchRegion {
    /** How often rule-driven alarms are evaluated (AWS evaluates per period; tests want it prompt). */
    static final Duration EVALUATION = Duration.ofSeconds(10);

    private final Cloud cloud;
    private final CloudRegion region;
    private final Map<String, MetricAlarm> alarms = new LinkedHashMap<>();
    private boolean evaluating;

    CloudWatchRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** The region's alarms (creating the state on first use); call under the cloud's lock. */
    public static CloudWatchRegion of(Cloud cloud, CloudRegion region) {
        return region.extension(CloudWatchRegion.class, r -> new CloudWatchRegion(cloud, r));
    }

    public Map<String, MetricAlarm> alarms() {
        return alarms;
    }

    /** True when the alarm exists and is in ALARM. */
    public boolean inAlarm(String name) {
        MetricAlarm alarm = alarms.get(name);
        return alarm != null && alarm.state.equals("ALARM");
    }

    MetricAlarm put(PutMetricAlarmRequest definition) {
        MetricAlarm alarm = alarms.get(definition.alarmName());
        if (alarm == null) {
            String arn = "arn:aws:cloudwatch:" + region.name() + ":" + cloud.accountId() + ":alarm:" + definition.alarmName();
            alarm = new MetricAlarm(definition.alarmName(), arn, definition, cloud.now());
            alarms.put(alarm.name, alarm);
        } else {
            alarm.definition = definition;
            alarm.configurationUpdated = cloud.now();
        }
        return alarm;
    }

    MetricAlarm alarm(String name) {
        MetricAlarm alarm = alarms.get(name);
        if (alarm == null) {
            throw new SimError(404, "ResourceNotFound", "Alarm " + name + " not found");
        }
        return alarm;
    }

    /** Gives an alarm a rule; the evaluator starts if it was idle. */
    void rule(MetricAlarm alarm, AlarmRule rule) {
        alarm.rule = rule;
        if (!evaluating) {
            evaluating = true;
            cloud.scheduleIn(Duration.ZERO, this::evaluate);
        }
    }

    private void evaluate() {
        boolean any = false;
        for (MetricAlarm alarm : java.util.List.copyOf(alarms.values())) {
            if (alarm.rule == null) {
                continue;
            }
            any = true;
            boolean breaching = alarm.rule.breaching(cloud, region);
            if (breaching && !alarm.state.equals("ALARM")) {
                setState(alarm, "ALARM", alarm.rule.reason(), null);
            } else if (!breaching && !alarm.state.equals("OK")) {
                setState(alarm, "OK", "Threshold Crossed: the metric no longer breaches its threshold.", null);
            }
        }
        evaluating = any;
        if (any) {
            cloud.scheduleIn(EVALUATION, this::evaluate);
        }
    }

    /** Moves an alarm to a state; entering ALARM stops the refreshes and deployments that watch it. */
    public void setState(MetricAlarm alarm, String state, String reason, String reasonData) {
        boolean entering = state.equals("ALARM") && !alarm.state.equals("ALARM");
        alarm.state = state;
        alarm.stateReason = reason;
        alarm.stateReasonData = reasonData;
        alarm.stateUpdated = cloud.now();
        if (entering) {
            RefreshAlarms.alarmRaised(region, alarm.name);
            DeploymentAlarms.alarmRaised(cloud, region, alarm.name);
        }
    }
}
