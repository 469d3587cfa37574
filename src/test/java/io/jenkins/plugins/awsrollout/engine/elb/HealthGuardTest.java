package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthGuardTest {

    private static final Destination WEB = Destination.targetGroup("web-tg", "arn:x", 80, "instance");

    /** {@code healthy} healthy, {@code unhealthy} unhealthy and {@code draining} draining targets. */
    private static List<TargetStatus> group(int healthy, int unhealthy, int draining) {
        List<TargetStatus> all = new ArrayList<>();
        all.addAll(Collections.nCopies(healthy, TargetStatus.ofV2("healthy", null, null)));
        all.addAll(Collections.nCopies(unhealthy, TargetStatus.ofV2("unhealthy", "Target.Timeout", null)));
        all.addAll(Collections.nCopies(draining, TargetStatus.ofV2("draining", "Target.DeregistrationInProgress", null)));
        return all;
    }

    @ParameterizedTest(name = "{0} healthy, {1} unhealthy, {2} draining; out {3} healthy + {4} unhealthy; min {5} / {6}% -> allowed {7}")
    @CsvSource({
        // healthy, unhealthy, draining, leavingHealthy, leavingUnhealthy, minTargets, minPercent, allowed
        "4, 0, 0, 1, 0, 3,   0, true",
        "4, 0, 0, 2, 0, 3,   0, false",
        "4, 0, 0, 1, 0, 0,  75, true",
        "4, 0, 0, 2, 0, 0,  75, false",
        "4, 0, 0, 2, 0, 0,  50, true",
        "3, 0, 0, 1, 0, 0,  66, true",   // ceil(3 * 0.66) = 2: 2 remain
        "3, 0, 0, 1, 0, 0,  67, false",  // ceil(3 * 0.67) = 3
        "2, 2, 0, 0, 2, 2,   0, true",   // unhealthy targets leaving cost no healthy capacity
        "2, 2, 0, 1, 0, 2,   0, false",
        "4, 0, 4, 1, 0, 0,  75, true",   // draining targets are not counted as registered
        "0, 0, 0, 0, 0, 0, 100, true",
        "1, 0, 0, 1, 0, 1,   0, false",
        "1, 0, 0, 1, 0, 0,   1, false",
    })
    void refusal_whenFloorsAndLeavingTargets_allowsOnlyWhatKeepsTheFloor(int healthy, int unhealthy, int draining,
            int leavingHealthy, int leavingUnhealthy, int minTargets, int minPercent, boolean allowed) {
        List<TargetStatus> leaving = new ArrayList<>(group(leavingHealthy, leavingUnhealthy, 0));

        Optional<String> refusal = new HealthGuard(minTargets, minPercent).refusal(WEB, group(healthy, unhealthy, draining), leaving);

        assertThat(refusal.isEmpty()).as(refusal.orElse("allowed")).isEqualTo(allowed);
    }

    @Test
    void refusal_namesTheNumbersAndEveryBrokenFloor() {
        Optional<String> refusal = new HealthGuard(3, 80).refusal(WEB, group(4, 1, 0), group(2, 0, 0));

        assertThat(refusal).hasValue("Refusing to deregister 2 targets from target group web-tg: it has 4 healthy targets of 5 "
                + "registered, and taking out 2 healthy ones would leave 2, fewer than minHealthyTargets 3 and "
                + "minHealthyPercentage 80 (4 of 5).");
    }

    @Test
    void active_onlyWithAFloor() {
        assertThat(HealthGuard.NONE.active()).isFalse();
        assertThat(new HealthGuard(0, 10).active()).isTrue();
    }
}
