package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * The world file's {@code alarms} section: a list of alarms, each {@code name}, {@code region}, {@code namespace},
 * {@code metricName}, {@code threshold}, {@code comparisonOperator} (GreaterThanThreshold), {@code state} (OK) and at
 * most one of {@code when} ({@code "unhealthyTargets(web-tg) > 1"}) and {@code after} ({@code {"action":
 * "StartInstanceRefresh", "seconds": 60}}).
 */
public final class AlarmSeed {
    private static final Set<String> MEMBERS = Set.of("name", "region", "namespace", "metricName", "threshold", "comparisonOperator",
            "state", "when", "after");

    private AlarmSeed() {}

    public static void seed(Cloud cloud, JsonNode section) {
        if (!section.isArray()) {
            throw new IllegalArgumentException("world: alarms must be a list");
        }
        for (JsonNode a : section) {
            a.fieldNames().forEachRemaining(f -> {
                if (!MEMBERS.contains(f)) {
                    throw new IllegalArgumentException("world: alarms[]: unknown member '" + f + "' (known: " + MEMBERS + ")");
                }
            });
            String name = a.path("name").asText(null);
            if (name == null) {
                throw new IllegalArgumentException("world: alarms[]: name is required");
            }
            CloudRegion region = a.has("region") ? cloud.region(a.get("region").asText()) : cloud.defaultRegion();
            CloudWatchRegion alarms = CloudWatchRegion.of(cloud, region);
            MetricAlarm alarm = alarms.put(PutMetricAlarmRequest.builder().alarmName(name)
                    .namespace(a.path("namespace").asText("AWS/ApplicationELB")).metricName(a.path("metricName").asText("UnHealthyHostCount"))
                    .statistic("Maximum").period(60).evaluationPeriods(1).threshold(a.path("threshold").asDouble(0))
                    .comparisonOperator(a.path("comparisonOperator").asText("GreaterThanThreshold")).build());
            String state = a.path("state").asText("OK");
            alarms.setState(alarm, state, "Seeded in state " + state + ".", null);
            if (a.has("when")) {
                alarms.rule(alarm, AlarmRule.parse(a.get("when").asText()));
            } else if (a.has("after")) {
                JsonNode after = a.get("after");
                alarms.rule(alarm, new AlarmRule.After(after.path("action").asText(), Duration.ofMillis((long) (after.path("seconds")
                        .asDouble(0) * 1000))));
            }
        }
    }
}
