package io.jenkins.plugins.awsrollout.engine.asg;

import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

class RefreshPhasesTest {

    @Test
    void preferences_mapEveryParameter() {
        AsgRolloutRequest request = AsgRolloutRequest.builder("web").minHealthyPercentage(80).maxHealthyPercentage(120)
                .instanceWarmupSeconds(45).checkpoints(List.of("25")).checkpointDelaySeconds(300).skipMatching(false)
                .autoRollback(false).alarms(List.of("web-5xx", "web-latency")).scaleInProtectedInstances("Refresh")
                .standbyInstances("Ignore").build();

        RefreshPreferences preferences = RefreshPhases.preferences(request, CapacityLimits.of(6, 80, 120));

        assertThat(preferences.minHealthyPercentage()).isEqualTo(80);
        assertThat(preferences.maxHealthyPercentage()).isEqualTo(120);
        assertThat(preferences.instanceWarmup()).isEqualTo(45);
        assertThat(preferences.checkpointPercentages()).containsExactly(25, 100);
        assertThat(preferences.checkpointDelay()).isEqualTo(300);
        assertThat(preferences.skipMatching()).isFalse();
        assertThat(preferences.autoRollback()).isFalse();
        assertThat(preferences.alarmSpecification().alarms()).containsExactly("web-5xx", "web-latency");
        assertThat(preferences.scaleInProtectedInstancesAsString()).isEqualTo("Refresh");
        assertThat(preferences.standbyInstancesAsString()).isEqualTo("Ignore");
    }

    @Test
    void preferences_leaveUnsetValuesToAws() {
        RefreshPreferences preferences = RefreshPhases.preferences(AsgRolloutRequest.builder("web").build(), CapacityLimits.of(6, 100, 0));

        assertThat(preferences.minHealthyPercentage()).isEqualTo(100);
        // The automatic ceiling of 6 is 8: the least percentage whose 6 x p / 100, rounded down, is 8.
        assertThat(preferences.maxHealthyPercentage()).isEqualTo(134);
        assertThat(preferences.instanceWarmup()).isNull();
        assertThat(preferences.hasCheckpointPercentages()).isFalse();
        assertThat(preferences.alarmSpecification()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "Pending, ",
        "InProgress, ",
        "Baking, ",
        "RollbackInProgress, ",
        "Cancelling, ",
        "Successful, Successful",
        "RollbackSuccessful, RolledBack",
        "Cancelled, Cancelled",
        "Failed, Failed",
        "RollbackFailed, Failed"})
    void outcome_mapsEveryRefreshStatus(String status, Outcome.Status expected) {
        InstanceRefresh refresh = InstanceRefresh.builder().instanceRefreshId("08b91cf7-1").status(status)
                .statusReason("Alarm web-5xx is in ALARM.").rollbackDetails(r -> r.rollbackReason("Alarm web-5xx went off.")).build();
        TemplatePlan template = new TemplatePlan(V1, "1", "ami-1", "2", null, null);
        AsgRolloutCursor cursor = AsgRolloutCursor.begin(Instant.EPOCH, Instant.EPOCH.plusSeconds(3600),
                Poll.start(Backoff.polling(Duration.ofSeconds(5), Duration.ofSeconds(60))), "web")
                .planned(new GroupFacts(CapacityLimits.of(2, 50, 100), 2, 4, false, List.of(), List.of(), Duration.ZERO, Duration.ZERO,
                        Set.of(), 2, 1), template, List.of());

        Outcome outcome = RefreshPhases.outcome(refresh, cursor, TestFleets.desired(2).healthy(2, "i", V1).build());

        if (expected == null) {
            assertThat(outcome).isNull();
        } else {
            assertThat(outcome.status()).isEqualTo(expected);
        }
        if ("RollbackSuccessful".equals(status)) {
            assertThat(outcome.reason()).contains("was rolled back (Alarm web-5xx went off.)", "0 of 2 instances of web run version 2");
        }
        if ("Failed".equals(status)) {
            assertThat(outcome.reason()).contains("failed: Alarm web-5xx is in ALARM.", "Auto rollback was off");
        }
    }
}
