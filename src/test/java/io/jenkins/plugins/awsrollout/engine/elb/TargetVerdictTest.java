package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetVerdictTest {

    private static WatchedTarget target(String state, String reason, boolean checked) {
        return new WatchedTarget(0, Target.instance("i-00000001"), "i-00000001:80", true,
                TargetStatus.ofV2(state, reason, null), checked);
    }

    @ParameterizedTest
    @CsvSource({
        "HEALTHY, healthy,   '',                              false, DONE",
        "HEALTHY, initial,   Elb.InitialHealthChecking,       true,  PENDING",
        "HEALTHY, unhealthy, Target.FailedHealthChecks,       true,  FAILED",
        "HEALTHY, unhealthy, Target.FailedHealthChecks,       false, PENDING",
        "HEALTHY, unused,    Target.NotInUse,                 true,  FAILED",
        "HEALTHY, unused,    Target.InvalidState,             false, FAILED",
        "HEALTHY, unused,    Target.NotRegistered,            true,  FAILED",
        "HEALTHY, draining,  Target.DeregistrationInProgress, true,  FAILED",
        "HEALTHY, unavailable, Target.HealthCheckDisabled,    true,  FAILED",
        "DRAINED, draining,  Target.DeregistrationInProgress, false, PENDING",
        "DRAINED, healthy,   '',                              false, PENDING",
        "DRAINED, unused,    Target.NotRegistered,            false, DONE",
        "DRAINED, unused,    Target.InvalidState,             false, PENDING",
        "NONE,    initial,   Elb.RegistrationInProgress,      true,  DONE",
        "NONE,    draining,  Target.DeregistrationInProgress, false, DONE",
    })
    void of_whenWaitAndState_decides(WaitFor waitFor, String state, String reason, boolean checked, TargetVerdict expected) {
        assertThat(TargetVerdict.of(waitFor, target(state, reason, checked))).isEqualTo(expected);
    }

    @Test
    void of_beforeTheFirstLook_isPending() {
        WatchedTarget unseen = new WatchedTarget(0, Target.instance("i-00000001"), "i-00000001:80", false, null, false);

        assertThat(TargetVerdict.of(WaitFor.HEALTHY, unseen)).isEqualTo(TargetVerdict.PENDING);
    }

    @Test
    void failure_namesTargetStateReasonAndTime() {
        assertThat(TargetVerdict.failure("i-1:80 in web-tg",
                TargetStatus.ofV2("unhealthy", "Target.FailedHealthChecks", "Health checks failed"), Duration.ofSeconds(65)))
                .isEqualTo("i-1:80 in web-tg failed its health checks after 1m05s: unhealthy (Target.FailedHealthChecks: "
                        + "Health checks failed)");
        assertThat(TargetVerdict.failure("i-1:80 in web-tg",
                TargetStatus.ofV2("unused", "Target.InvalidState", "Target is in the stopped state"), Duration.ZERO))
                .isEqualTo("i-1:80 in web-tg cannot become healthy as things stand: unused (Target.InvalidState: Target is in "
                        + "the stopped state)");
    }
}
