package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsrollout.sim.Call;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/iam-policy.json allows every call awsAsgRollout makes, here a rolling rollout with alarms that one rolls back. */
class RolloutIamPolicyTest {

    private static final Path POLICY = Path.of(System.getProperty("project.root", ".."), "docs", "iam-policy.json");

    static Set<String> allowed() throws IOException {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(POLICY.toFile()).path("Statement")) {
            if (statement.path("Effect").asText().equals("Allow")) {
                statement.path("Action").forEach(a -> actions.add(a.asText()));
            }
        }
        return actions;
    }

    /** The IAM action of a call the simulator answered: elb and elbv2 are both {@code elasticloadbalancing}. */
    static String iamAction(Call call) {
        String prefix = switch (call.service()) {
            case "elb", "elbv2" -> "elasticloadbalancing";
            default -> call.service();
        };
        return prefix + ":" + call.action();
    }

    @Test
    void rollingRolloutWithAlarms_rolledBackByOne_needsOnlyWhatThePolicyAllows() throws IOException {
        try (RolloutHarness h = new RolloutHarness(3, AsgRolloutRequest.builder("web").strategy("rolling").batchSize("1")
                .alarms(List.of("web-5xx")))) {
            var cloudWatch = h.aws.session(h.aws.sim().region()).cloudWatch();
            cloudWatch.putMetricAlarm(r -> r.alarmName("web-5xx").namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                    .statistic("Sum").period(60).evaluationPeriods(1).threshold(5.0).comparisonOperator("GreaterThanThreshold"));
            cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("OK").stateReason("ok"));
            h.aws.sim().calls().clear();
            h.tickUntil(x -> RolloutHarness.position(x.cursor()).equals("ROLL/forward/batch-2-AWAIT_HEALTHY"));
            cloudWatch.setAlarmState(r -> r.alarmName("web-5xx").stateValue("ALARM").stateReason("Threshold Crossed"));
            h.runToEnd();
            assertThat(h.cursor().outcome().status()).as(String.join("\n", h.log)).isEqualTo(Outcome.Status.RolledBack);

            Set<String> used = new TreeSet<>();
            h.aws.sim().calls().all().stream().filter(c -> !c.action().equals("SetAlarmState")).map(RolloutIamPolicyTest::iamAction)
                    .forEach(used::add);
            assertThat(used).contains("cloudwatch:DescribeAlarms");
            assertThat(allowed()).containsAll(used);
        }
    }
}
