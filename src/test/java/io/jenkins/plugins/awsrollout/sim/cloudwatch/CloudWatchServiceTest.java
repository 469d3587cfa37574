package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Fixtures;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** CloudWatch alarms through the SDK's client, alarms from the world, and what they stop: refreshes. */
class CloudWatchServiceTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private CloudWatchClient cloudWatch;

    private void start(World world) {
        sim = AwsSimulator.start(world, clock);
        cloudWatch = SimClients.of(sim).cloudWatch();
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        sim.close();
    }

    private MetricAlarm alarm(String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0);
    }

    @Test
    void alarmsArePutDescribedSetAndDeleted() {
        start(World.builder().region("us-east-1").build());
        cloudWatch.putMetricAlarm(r -> r.alarmName("web-5xx").namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                .statistic("Sum").period(60).evaluationPeriods(2).threshold(10.0).comparisonOperator("GreaterThanThreshold")
                .dimensions(d -> d.name("LoadBalancer").value("app/web-alb/1")));
        cloudWatch.putMetricAlarm(r -> r.alarmName("web-latency").namespace("AWS/ApplicationELB").metricName("TargetResponseTime")
                .statistic("Average").period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));

        MetricAlarm created = alarm("web-5xx");
        assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(created.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:" + sim.accountId() + ":alarm:web-5xx");
        assertThat(created.threshold()).isEqualTo(10.0);
        assertThat(created.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).isEqualTo("app/web-alb/1"));

        cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("ALARM").stateReason("testing"));
        assertThat(alarm("web-5xx").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.describeAlarms(r -> r.stateValue("ALARM")).metricAlarms()).extracting(MetricAlarm::alarmName)
                .containsExactly("web-5xx");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("web-")).metricAlarms()).hasSize(2);
        assertThat(cloudWatch.describeAlarmsPaginator(r -> r.maxRecords(1)).metricAlarms().stream().count()).isEqualTo(2);

        cloudWatch.deleteAlarms(r -> r.alarmNames("web-5xx"));
        assertThat(cloudWatch.describeAlarms().metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("web-latency");
        // The model gives code ResourceNotFound to two shapes; SDK v2 maps it to DashboardNotFoundErrorException, as against AWS.
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("OK").stateReason("x")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("nope")))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> cloudWatch.putMetricAlarm(r -> r.alarmName("x").metricName("m").namespace("n").statistic("Sum")
                .period(60).evaluationPeriods(0).threshold(1.0).comparisonOperator("GreaterThanThreshold")))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void unhealthyTargetsAlarmFollowsTheTargetGroup() {
        start(Fixtures.web(4).build());
        AlarmFaults.of(sim).alarmWhen("web-unhealthy", "web-tg", 1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(alarm("web-unhealthy").stateValue()).isEqualTo(StateValue.OK);

        var ids = sim.state().group("web").instances().stream().map(i -> i.instanceId()).toList();
        sim.faults().markUnhealthy(ids.get(0)).markUnhealthy(ids.get(1));
        clock.advance(Duration.ofSeconds(45));
        assertThat(alarm("web-unhealthy").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm("web-unhealthy").stateReason()).contains("UnHealthyHostCount");
    }

    @Test
    void worldFileAlarmsSectionSeedsAlarmsAndTheirRules() throws Exception {
        var section = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                [ { "name": "web-unhealthy", "when": "unhealthyTargets(web-tg) > 0" },
                  { "name": "web-5xx", "metricName": "HTTPCode_Target_5XX_Count", "threshold": 5,
                    "after": { "action": "SetDesiredCapacity", "seconds": 30 } },
                  { "name": "manual", "state": "ALARM" } ]
                """);
        start(Fixtures.web(2).extensionSection("alarms", section).build());

        assertThat(alarm("manual").stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm("web-5xx").threshold()).isEqualTo(5.0);
        assertThat(alarm("web-5xx").metricName()).isEqualTo("HTTPCode_Target_5XX_Count");
        clock.advance(Duration.ofSeconds(10));
        assertThat(alarm("web-unhealthy").stateValue()).isEqualTo(StateValue.OK);
        assertThat(alarm("web-5xx").stateValue()).isEqualTo(StateValue.OK);

        try (AutoScalingClient asg = SimClients.of(sim).autoScaling()) {
            asg.setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(3));
        }
        clock.advance(Duration.ofSeconds(40));
        assertThat(alarm("web-5xx").stateValue()).isEqualTo(StateValue.ALARM);
        World typo = World.builder().region("us-east-1").extensionSection("alarms",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"name\": \"x\", \"colour\": \"red\"}]")).build();
        assertThatThrownBy(() -> AwsSimulator.start(typo, ManualClock.at(T0)).close())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }

    @Test
    void refreshWatchingAnAlarmRollsBackWhenItGoesOffOrFailsWithoutAutoRollback() {
        start(Fixtures.web(4).build());
        AutoScalingClient asg = SimClients.of(sim).autoScaling();
        AlarmFaults.of(sim).alarmAfter("web-5xx", "StartInstanceRefresh", Duration.ofSeconds(30));
        asg.startInstanceRefresh(r -> r.autoScalingGroupName("web")
                .desiredConfiguration(c -> c.launchTemplate(t -> t.launchTemplateName("web-lt").version("2")))
                .preferences(p -> p.minHealthyPercentage(50).autoRollback(true).alarmSpecification(a -> a.alarms("web-5xx"))));

        Fixtures.advanceUntil(clock, Duration.ofSeconds(5), Duration.ofHours(1),
                () -> sim.state().group("web").refreshes().get(0).status().startsWith("Rollback")
                        && !sim.state().group("web").refreshes().get(0).status().equals("RollbackInProgress"));
        var refresh = sim.state().group("web").refreshes().get(0);
        assertThat(refresh.status()).isEqualTo("RollbackSuccessful");
        assertThat(asg.describeInstanceRefreshes(r -> r.autoScalingGroupName("web")).instanceRefreshes().get(0).rollbackDetails()
                .rollbackReason()).contains("web-5xx");
        assertThat(sim.state().group("web").instances()).allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));

        asg.startInstanceRefresh(r -> r.autoScalingGroupName("web")
                .desiredConfiguration(c -> c.launchTemplate(t -> t.launchTemplateName("web-lt").version("2")))
                .preferences(p -> p.minHealthyPercentage(50).alarmSpecification(a -> a.alarms("web-5xx"))));
        cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("OK").stateReason("reset"));
        cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("ALARM").stateReason("again"));
        assertThat(sim.state().group("web").refreshes().get(0).status()).isEqualTo("Failed");
        assertThat(sim.state().group("web").refreshes().get(0).statusReason()).contains("web-5xx");
        asg.close();
    }
}
