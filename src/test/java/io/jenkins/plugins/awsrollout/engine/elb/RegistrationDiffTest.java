package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegistrationDiffTest {

    @ParameterizedTest
    @CsvSource({
        "REGISTER,   unused,      Target.NotRegistered,            true",
        "REGISTER,   draining,    Target.DeregistrationInProgress, true",
        "REGISTER,   initial,     Elb.RegistrationInProgress,      false",
        "REGISTER,   healthy,     '',                              false",
        "REGISTER,   unhealthy,   Target.FailedHealthChecks,       false",
        "REGISTER,   unused,      Target.InvalidState,             false",
        "DEREGISTER, unused,      Target.NotRegistered,            false",
        "DEREGISTER, draining,    Target.DeregistrationInProgress, false",
        "DEREGISTER, healthy,     '',                              true",
        "DEREGISTER, unhealthy,   Target.FailedHealthChecks,       true",
        "DEREGISTER, initial,     Elb.InitialHealthChecking,       true",
        "DEREGISTER, unused,      Target.NotInUse,                 true",
    })
    void needsChange_whenActionAndState_touchesOnlyWhatIsNotInPlace(
            ElbAction action, String state, String reason, boolean expected) {
        assertThat(RegistrationDiff.needsChange(action, TargetStatus.ofV2(state, reason, null))).isEqualTo(expected);
    }

    @Test
    void apply_whenRegistering_marksMissingTargetsAsChangedAndChecked() {
        WatchedTarget missing = new WatchedTarget(0, Target.instance("i-00000001"), "i-00000001:80", false,
                TargetStatus.notRegisteredV2(), false);
        WatchedTarget there = new WatchedTarget(0, Target.instance("i-00000002"), "i-00000002:80", false,
                TargetStatus.ofV2("unhealthy", "Target.Timeout", null), false);

        List<WatchedTarget> diff = RegistrationDiff.apply(ElbAction.REGISTER, List.of(missing, there));

        assertThat(diff).extracting(WatchedTarget::changed, WatchedTarget::checked)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, true), org.assertj.core.groups.Tuple.tuple(false, false));
    }
}
