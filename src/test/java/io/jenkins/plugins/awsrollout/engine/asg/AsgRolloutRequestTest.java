package io.jenkins.plugins.awsrollout.engine.asg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AsgRolloutRequestTest {

    @Test
    void build_withOnlyTheGroup_appliesEveryDefault() {
        AsgRolloutRequest request = AsgRolloutRequest.builder("web").build();

        assertThat(request.strategy()).isEqualTo(RolloutStrategy.INSTANCE_REFRESH);
        assertThat(request.minHealthyPercentage()).isEqualTo(100);
        assertThat(request.maxHealthyPercentage()).isEqualTo(AsgRolloutRequest.AUTOMATIC_MAX_HEALTHY_PERCENTAGE);
        assertThat(request.batchSize()).isEqualTo(BatchSize.AUTOMATIC);
        assertThat(request.skipMatching()).isTrue();
        assertThat(request.autoRollback()).isTrue();
        assertThat(request.suspendProcesses()).containsExactly("AZRebalance", "AlarmNotification", "ScheduledActions");
        assertThat(request.scaleInProtectedInstances()).isEqualTo(ProtectedInstances.WAIT);
        assertThat(request.standbyInstances()).isEqualTo(StandbyInstances.WAIT);
        assertThat(request.onAbort()).isEqualTo(OnAbort.ROLLBACK);
        assertThat(request.timeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(request.healthCheckTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.instanceWarmupSeconds()).isNull();
        assertThat(request.dryRun()).isFalse();
    }

    @Test
    void build_alarms_applyToBothStrategies() {
        for (String strategy : List.of("rolling", "instanceRefresh")) {
            AsgRolloutRequest request = AsgRolloutRequest.builder("web").strategy(strategy).alarms(List.of(" web-5xx ", "web-latency"))
                    .build();
            assertThat(request.alarms()).as(strategy).containsExactly("web-5xx", "web-latency");
        }
    }

    @Test
    void build_readsValuesLeniently() {
        AsgRolloutRequest request = AsgRolloutRequest.builder(" web ")
                .strategy("Rolling").batchSize("25%").onAbort("CANCEL").scaleInProtectedInstances("ignore")
                .standbyInstances("terminate").checkpoints(List.of("20", " 50% ", "")).suspendProcesses(List.of("azrebalance", ""))
                .ami(" ami-0123456789abcdef0 ").build();

        assertThat(request.autoScalingGroup()).isEqualTo("web");
        assertThat(request.strategy()).isEqualTo(RolloutStrategy.ROLLING);
        assertThat(request.batchSize()).isEqualTo(new BatchSize(25, true));
        assertThat(request.onAbort()).isEqualTo(OnAbort.CANCEL);
        assertThat(request.checkpoints()).containsExactly(20, 50, 100);
        assertThat(request.suspendProcesses()).containsExactly("AZRebalance");
        assertThat(request.ami()).isEqualTo("ami-0123456789abcdef0");
    }

    /** A change to a valid request, and the words the refusal must contain (field, value). */
    static Stream<Arguments> badInput() {
        return Stream.of(
                bad(b -> AsgRolloutRequest.builder(" "), "autoScalingGroup is required"),
                bad(b -> b.ami("ami-1").launchTemplateVersion("3"), "either ami or launchTemplateVersion"),
                bad(b -> b.ami("image-1"), "Invalid ami: 'image-1'"),
                bad(b -> b.launchTemplateVersion("$Latest"), "Invalid launchTemplateVersion: '$Latest' is an alias"),
                bad(b -> b.launchTemplateVersion("$Default"), "'$Default' is an alias"),
                bad(b -> b.launchTemplateVersion("v3"), "Invalid launchTemplateVersion: 'v3'"),
                bad(b -> b.strategy("blueGreen"), "Invalid strategy: 'blueGreen' is not one of instanceRefresh, rolling"),
                bad(b -> b.minHealthyPercentage(101), "Invalid minHealthyPercentage: 101"),
                bad(b -> b.maxHealthyPercentage(99), "Invalid maxHealthyPercentage: 99"),
                bad(b -> b.minHealthyPercentage(0).maxHealthyPercentage(150), "150 is more than 100 above minHealthyPercentage 0"),
                bad(b -> b.strategy("rolling").batchSize("0"), "Invalid batchSize: '0'"),
                bad(b -> b.batchSize("2"), "batchSize '2' applies to strategy 'rolling' only"),
                bad(b -> b.instanceWarmupSeconds(-5), "Invalid instanceWarmupSeconds: -5"),
                bad(b -> b.healthCheckTimeoutMinutes(0), "Invalid healthCheckTimeoutMinutes: 0"),
                bad(b -> b.checkpoints(List.of("50", "20")), "must be in ascending order"),
                bad(b -> b.checkpoints(List.of("half")), "Invalid checkpoints: 'half'"),
                bad(b -> b.checkpoints(List.of("150")), "Invalid checkpoints: '150'"),
                bad(b -> b.suspendProcesses(List.of("Launch")), "Invalid suspendProcesses: 'Launch' would stall the rollout"),
                bad(b -> b.suspendProcesses(List.of("Nap")), "Invalid suspendProcesses: 'Nap' is not a scaling process"),
                bad(b -> b.scaleInProtectedInstances("Keep"), "Invalid scaleInProtectedInstances: 'Keep'"),
                bad(b -> b.standbyInstances("Refresh"), "Invalid standbyInstances: 'Refresh'"),
                bad(b -> b.minSize(5).maxSize(3), "Invalid minSize: 5 is above maxSize 3"),
                bad(b -> b.desiredCapacity(9).maxSize(3), "Invalid desiredCapacity: 9 is above maxSize 3"),
                bad(b -> b.timeoutMinutes(0), "Invalid timeoutMinutes: 0"),
                bad(b -> b.onAbort("ignore"), "Invalid onAbort: 'ignore' is not one of rollback, cancel"));
    }

    private static Arguments bad(UnaryOperator<AsgRolloutRequest.Builder> change, String words) {
        return Arguments.of(change, words);
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void build_withBadInput_failsNamingFieldAndValue(UnaryOperator<AsgRolloutRequest.Builder> change, String words) {
        assertThatThrownBy(() -> change.apply(AsgRolloutRequest.builder("web")).build())
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining(words);
    }
}
