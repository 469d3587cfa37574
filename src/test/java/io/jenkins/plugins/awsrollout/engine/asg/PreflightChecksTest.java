package io.jenkins.plugins.awsrollout.engine.asg;

import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightChecksTest {

    private final AsgRolloutRequest request = AsgRolloutRequest.builder("web").minHealthyPercentage(90).maxHealthyPercentage(100).build();

    private Optional<String> refusal(Fleet fleet, AsgRolloutRequest request, PreflightChecks.RunningRefresh running) {
        CapacityLimits limits = CapacityLimits.of(request.desiredCapacity() != null ? request.desiredCapacity() : fleet.desired(),
                request.minHealthyPercentage(), request.maxHealthyPercentage());
        RolloutPlan plan = RolloutPlan.of(fleet, m -> true, limits, request.batchSize(), request.scaleInProtectedInstances(),
                request.standbyInstances(), Duration.ZERO, Duration.ZERO);
        return PreflightChecks.refusal(fleet, request, limits, running, plan);
    }

    @Test
    void refusal_forAHealthyGroup_isNone() {
        assertThat(refusal(TestFleets.desired(10).healthy(10, "i", V1).build(), request, null)).isEmpty();
    }

    @Test
    void refusal_whenARefreshRuns_namesItAndHowToCancel() {
        assertThat(refusal(TestFleets.desired(10).healthy(10, "i", V1).build(), request,
                new PreflightChecks.RunningRefresh("08b91cf7", "InProgress")))
                .hasValueSatisfying(s -> assertThat(s).contains("Another instance refresh (08b91cf7, InProgress) is running on web")
                        .contains("aws autoscaling cancel-instance-refresh --auto-scaling-group-name web"));
    }

    @Test
    void refusal_whenStallingProcessesAreSuspended_namesThemAndHowToResume() {
        Fleet fleet = TestFleets.desired(10).healthy(10, "i", V1).suspended("Terminate").suspended("Launch").suspended("AZRebalance")
                .build();

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s)
                .contains("web has Launch, Terminate suspended")
                .contains("--scaling-processes Launch Terminate"));
    }

    @Test
    void refusal_ignoresInstanceRefreshSuspensionForTheRollingStrategy() {
        Fleet fleet = TestFleets.desired(10).healthy(10, "i", V1).suspended("InstanceRefresh").build();

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s).contains("InstanceRefresh suspended"));
        assertThat(refusal(fleet, AsgRolloutRequest.builder("web").strategy("rolling").build(), null)).isEmpty();
    }

    @Test
    void refusal_whenTheFloorCannotBeKept_namesTheNumbers() {
        assertThat(refusal(TestFleets.desired(2).healthy(2, "i", V1).build(), request, null))
                .hasValueSatisfying(s -> assertThat(s).contains("Keeping 2 of 2 instances of web healthy (minHealthyPercentage 90)")
                        .contains("maxHealthyPercentage to at least 150"));
    }

    @Test
    void refusal_whenTheGroupIsAlreadyUnderTheFloor_saysSo() {
        Fleet fleet = TestFleets.desired(10).healthy(7, "i", V1).unhealthy("i-8", V1).unhealthy("i-9", V1).unhealthy("i-10", V1)
                .build();

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s)
                .contains("Only 7 of 10 instances of web are healthy in service, under the floor of 9"));
    }

    @Test
    void refusal_whenProtectedInstancesWouldBeWaitedFor_offersTheChoices() {
        Fleet fleet = TestFleets.desired(10).healthy(9, "i", V1)
                .member("i-job", "us-east-1a", "InService", V1, FleetMember.Traffic.HEALTHY, true).build();

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s).contains("protected from scale-in (i-job)")
                .contains("'Refresh'").contains("'Ignore'"));
        assertThat(refusal(fleet, AsgRolloutRequest.builder("web").scaleInProtectedInstances("Ignore").build(), null)).isEmpty();
    }

    @Test
    void refusal_whenStandbyInstancesWouldBeWaitedFor_offersTheChoices() {
        Fleet fleet = TestFleets.desired(10).healthy(10, "i", V1)
                .member("i-s", "us-east-1a", "Standby", V1, FleetMember.Traffic.NOT_REGISTERED, false).build();

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s).contains("in Standby (i-s)")
                .contains("exit-standby"));
    }

    @Test
    void refusal_forALaunchConfiguration_explainsTheMigration() {
        Fleet fleet = new Fleet("web", 2, 1, 4, null, false, "web-lc", List.of(), List.of(), java.util.Map.of(), 300, null,
                List.of(), java.util.Map.of());

        assertThat(refusal(fleet, request, null)).hasValueSatisfying(s -> assertThat(s)
                .contains("launch configuration 'web-lc'").contains("Copy to launch template")
                .contains("update-auto-scaling-group --launch-template"));
    }

    @Test
    void refusal_whenTheDesiredCapacityIsOutsideTheSizes_saysWhichToGive() {
        AsgRolloutRequest bigger = AsgRolloutRequest.builder("web").desiredCapacity(200).build();

        assertThat(refusal(TestFleets.desired(10).healthy(10, "i", V1).build(), bigger, null))
                .hasValueSatisfying(s -> assertThat(s).contains("desired capacity of 200 is outside web's sizes (min 0, max 100)"));
    }
}
