package io.jenkins.plugins.awsrollout.engine.asg;

import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V1;
import static io.jenkins.plugins.awsrollout.engine.asg.TestFleets.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.asg.BatchPlanner.Batch;
import io.jenkins.plugins.awsrollout.engine.asg.BatchPlanner.Converged;
import io.jenkins.plugins.awsrollout.engine.asg.BatchPlanner.Decision;
import io.jenkins.plugins.awsrollout.engine.asg.BatchPlanner.Wait;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static final Predicate<FleetMember> NOT_ON_V2 = m -> !m.runs(V2);

    /** desired, min%, max%, batch size, replace-first, retire-after: the shape of the first batch of a healthy group. */
    static Stream<Arguments> firstBatches() {
        return Stream.of(
                // max 100: terminate first, as many as the floor allows
                Arguments.of(10, 90, 100, "", 1, 0),
                Arguments.of(10, 50, 100, "", 5, 0),
                Arguments.of(10, 0, 100, "", 10, 0),
                Arguments.of(4, 75, 100, "", 1, 0),
                // above 100: launch first up to the ceiling, then terminate first within the floor
                Arguments.of(10, 100, 150, "", 0, 5),
                Arguments.of(10, 90, 110, "", 1, 1),
                Arguments.of(2, 100, 200, "", 0, 2),
                Arguments.of(1, 100, 200, "", 0, 1),
                // the batch size caps both
                Arguments.of(10, 50, 100, "2", 2, 0),
                Arguments.of(10, 100, 200, "30%", 0, 3),
                Arguments.of(10, 0, 200, "4", 0, 4));
    }

    @ParameterizedTest
    @MethodSource("firstBatches")
    void next_whenGroupIsHealthy_takesWhatFloorAndCeilingAllow(int desired, int min, int max, String batchSize, int replaceFirst,
            int retireAfter) {
        Fleet fleet = TestFleets.desired(desired).healthy(desired, "i-old", V1).build();

        Decision decision = BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(desired, min, max),
                BatchSize.parse(batchSize).orElseThrow(), ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(decision).isInstanceOf(Batch.class);
        Batch batch = (Batch) decision;
        assertThat(batch.replaceFirst()).hasSize(replaceFirst);
        assertThat(batch.retireAfter()).hasSize(retireAfter);
        assertThat(batch.withoutReplacement()).isEmpty();
    }

    @Test
    void next_whenFloorLeavesNoRoom_waitsNamingTheCounts() {
        Fleet fleet = TestFleets.desired(2).healthy(2, "i-old", V1).build();

        Decision decision = BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(2, 100, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(decision).isInstanceOfSatisfying(Wait.class, w -> {
            assertThat(w.unsettled()).isFalse();
            assertThat(w.reason()).contains("2 healthy in service, floor 2");
        });
    }

    @Test
    void next_whenInstancesArePending_waitsForTheGroupToSettle() {
        Fleet fleet = TestFleets.desired(3).healthy(2, "i-old", V1)
                .member("i-new", "us-east-1a", "Pending", V2, FleetMember.Traffic.NOT_REGISTERED, false).build();

        Decision decision = BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(3, 0, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(decision).isInstanceOfSatisfying(Wait.class, w -> assertThat(w.unsettled()).isTrue());
    }

    @Test
    void next_takesUnhealthyInstancesFirstWithoutCountingThemAgainstTheFloor() {
        Fleet fleet = TestFleets.desired(4).healthy(3, "i-old", V1).unhealthy("i-sick", V1).build();

        Batch batch = (Batch) BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(4, 75, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        // floor 3 with 3 healthy: only the sick one may go
        assertThat(batch.replaceFirst()).containsExactly("i-sick");
    }

    @Test
    void next_whenAboveTheDesiredCapacityItKeeps_removesTheExcessFirst() {
        // A rollback after a batch that launched two first: desired is 6, the rollout keeps 4.
        Fleet fleet = TestFleets.desired(6).healthy(4, "i-old", V1).unhealthy("i-bad-1", V2).unhealthy("i-bad-2", V2).build();

        Batch batch = (Batch) BatchPlanner.next(fleet, m -> m.runs(V2), CapacityLimits.of(4, 100, 150), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(batch.withoutReplacement()).containsExactlyInAnyOrder("i-bad-1", "i-bad-2");
        assertThat(batch.launches()).isZero();
    }

    @Test
    void next_spreadsABatchOverTheZones() {
        Fleet fleet = TestFleets.desired(6).healthy(6, "i-old", V1).build();

        Batch batch = (Batch) BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(6, 50, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(batch.replaceFirst()).hasSize(3);
        assertThat(batch.replaceFirst().stream().map(id -> fleet.member(id).availabilityZone()))
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
    }

    @Test
    void next_whenEveryInstanceRunsTheTarget_hasConverged() {
        Fleet fleet = TestFleets.desired(3).healthy(3, "i-new", V2).build();

        assertThat(BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(3, 90, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE)).isEqualTo(new Converged(List.of()));
    }

    /** behaviour, replaced, skipped (or the wait) for one protected out-of-date instance among healthy new ones. */
    static Stream<Arguments> protectedInstances() {
        return Stream.of(
                Arguments.of(ProtectedInstances.REFRESH, "batch"),
                Arguments.of(ProtectedInstances.IGNORE, "skipped"),
                Arguments.of(ProtectedInstances.WAIT, "wait"));
    }

    @ParameterizedTest
    @MethodSource("protectedInstances")
    void next_withAProtectedInstance_followsTheBehaviour(ProtectedInstances behaviour, String expected) {
        Fleet fleet = TestFleets.desired(3).healthy(2, "i-new", V2)
                .member("i-kept", "us-east-1c", "InService", V1, FleetMember.Traffic.HEALTHY, true).build();

        Decision decision = BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(3, 50, 100), BatchSize.AUTOMATIC, behaviour,
                StandbyInstances.TERMINATE);

        switch (expected) {
            case "batch" -> assertThat(((Batch) decision).replaceFirst()).containsExactly("i-kept");
            case "skipped" -> assertThat(decision).isEqualTo(new Converged(List.of("i-kept")));
            default -> assertThat(decision).isInstanceOfSatisfying(Wait.class,
                    w -> assertThat(w.reason()).contains("i-kept (protected from scale-in)"));
        }
    }

    @ParameterizedTest
    @MethodSource("standbyInstances")
    void next_withAStandbyInstance_followsTheBehaviour(StandbyInstances behaviour, String expected) {
        Fleet fleet = TestFleets.desired(2).healthy(2, "i-new", V2)
                .member("i-standby", "us-east-1c", "Standby", V1, FleetMember.Traffic.NOT_REGISTERED, false).build();

        Decision decision = BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(2, 50, 100), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, behaviour);

        switch (expected) {
            case "terminate" -> assertThat(((Batch) decision).standbyToTerminate()).containsExactly("i-standby");
            case "skipped" -> assertThat(decision).isEqualTo(new Converged(List.of("i-standby")));
            default -> assertThat(decision).isInstanceOfSatisfying(Wait.class,
                    w -> assertThat(w.reason()).contains("i-standby (in Standby)"));
        }
    }

    static Stream<Arguments> standbyInstances() {
        return Stream.of(
                Arguments.of(StandbyInstances.TERMINATE, "terminate"),
                Arguments.of(StandbyInstances.IGNORE, "skipped"),
                Arguments.of(StandbyInstances.WAIT, "wait"));
    }

    @Test
    void next_respectsTheGroupMaximumWhenLaunchingFirst() {
        Fleet fleet = TestFleets.desired(4).max(5).healthy(4, "i-old", V1).build();

        Batch batch = (Batch) BatchPlanner.next(fleet, NOT_ON_V2, CapacityLimits.of(4, 100, 200), BatchSize.AUTOMATIC,
                ProtectedInstances.REFRESH, StandbyInstances.TERMINATE);

        assertThat(batch.retireAfter()).hasSize(1);
    }

    @Test
    void order_putsUnhealthyFirstThenRoundRobinsZonesWithTheMostLeft() {
        List<FleetMember> members = TestFleets.desired(5)
                .member("i-a1", "us-east-1a", "InService", V1, FleetMember.Traffic.HEALTHY, false)
                .member("i-a2", "us-east-1a", "InService", V1, FleetMember.Traffic.HEALTHY, false)
                .member("i-a3", "us-east-1a", "InService", V1, FleetMember.Traffic.HEALTHY, false)
                .member("i-b1", "us-east-1b", "InService", V1, FleetMember.Traffic.HEALTHY, false)
                .unhealthy("i-z", V1)
                .build().members();

        assertThat(BatchPlanner.order(members).stream().map(FleetMember::id))
                .containsExactly("i-z", "i-a1", "i-b1", "i-a2", "i-a3");
    }
}
