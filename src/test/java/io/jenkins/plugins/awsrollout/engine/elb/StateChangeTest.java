package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StateChangeTest {

    private static final TargetStatus REGISTERING = TargetStatus.ofV2("initial", "Elb.RegistrationInProgress",
            "Target registration is in progress");
    private static final TargetStatus CHECKING = TargetStatus.ofV2("initial", "Elb.InitialHealthChecking",
            "Initial health checks in progress");
    private static final TargetStatus UNHEALTHY = TargetStatus.ofV2("unhealthy", "Target.FailedHealthChecks",
            "Health checks failed");

    @Test
    void transition_firstLook_printsTheWholeState() {
        assertThat(StateChange.transition(null, REGISTERING, Duration.ZERO))
                .hasValue("initial (Elb.RegistrationInProgress: Target registration is in progress)");
    }

    @Test
    void transition_sameState_printsNothing() {
        assertThat(StateChange.transition(CHECKING, CHECKING, Duration.ofSeconds(20))).isEmpty();
    }

    @Test
    void transition_newReason_namesTheOldReason() {
        assertThat(StateChange.transition(REGISTERING, CHECKING, Duration.ofSeconds(5)))
                .hasValue("initial (Elb.RegistrationInProgress) -> initial (Elb.InitialHealthChecking: Initial health checks in "
                        + "progress) after 5s");
    }

    @Test
    void transition_newState_namesOnlyTheOldState() {
        assertThat(StateChange.transition(CHECKING, UNHEALTHY, Duration.ofSeconds(95)))
                .hasValue("initial -> unhealthy (Target.FailedHealthChecks: Health checks failed) after 1m35s");
    }

    @Test
    void transition_classicDescriptionOnly_isAChangeWithBothDescriptions() {
        TargetStatus checking = TargetStatus.ofClassic("OutOfService", "Instance",
                "Instance has not passed the configured HealthyThreshold number of health checks consecutively.");
        TargetStatus failed = TargetStatus.ofClassic("OutOfService", "Instance",
                "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.");

        assertThat(StateChange.transition(checking, failed, Duration.ofSeconds(30)))
                .hasValue("OutOfService (Instance: Instance has not passed the configured HealthyThreshold number of health "
                        + "checks consecutively) -> OutOfService (Instance: Instance has failed at least the UnhealthyThreshold "
                        + "number of health checks consecutively) after 30s");
    }
}
