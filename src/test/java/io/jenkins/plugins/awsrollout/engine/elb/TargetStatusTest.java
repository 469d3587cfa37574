package io.jenkins.plugins.awsrollout.engine.elb;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.elb.TargetStatus.Health;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetStatusTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "healthy,            -,                               HEALTHY",
        "initial,            Elb.RegistrationInProgress,      INITIAL",
        "initial,            Elb.InitialHealthChecking,       INITIAL",
        "unhealthy,          Target.FailedHealthChecks,       UNHEALTHY",
        "unhealthy,          Target.Timeout,                  UNHEALTHY",
        "draining,           Target.DeregistrationInProgress, DRAINING",
        "unhealthy.draining, Target.DeregistrationInProgress, DRAINING",
        "unused,             Target.NotRegistered,            NOT_REGISTERED",
        "unused,             Target.NotInUse,                 BLOCKED",
        "unused,             Target.InvalidState,             BLOCKED",
        "unused,             Target.IpUnusable,               BLOCKED",
        "unavailable,        Target.HealthCheckDisabled,      BLOCKED",
    })
    void ofV2_whenStateAndReason_meansHealth(String state, String reason, Health expected) {
        assertThat(TargetStatus.ofV2(state, reason, "whatever").health()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "InService    | N/A      | N/A                                                                                      | HEALTHY",
        "OutOfService | ELB      | Instance registration is still in progress.                                              | INITIAL",
        "OutOfService | Instance | Instance has not passed the configured HealthyThreshold number of health checks consecutively. | INITIAL",
        "OutOfService | Instance | Instance is in pending state.                                                            | INITIAL",
        "Unknown      | ELB      | A transient error occurred. Please try again later.                                      | INITIAL",
        "OutOfService | Instance | Instance has failed at least the UnhealthyThreshold number of health checks consecutively. | UNHEALTHY",
        "OutOfService | Instance | Instance is not currently registered with the LoadBalancer.                              | NOT_REGISTERED",
        "OutOfService | Instance | Instance deregistration currently in progress.                                           | DRAINING",
        "OutOfService | Instance | Instance is in stopped state.                                                            | BLOCKED",
        "OutOfService | Instance | Instance is in terminated state.                                                         | BLOCKED",
    })
    void ofClassic_whenStateAndDescription_meansHealth(String state, String reasonCode, String description, Health expected) {
        assertThat(TargetStatus.ofClassic(state, reasonCode, description).health()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "healthy   | -                         | -                          | healthy",
        "unhealthy | Target.FailedHealthChecks | Health checks failed       | unhealthy (Target.FailedHealthChecks: Health checks failed)",
        "unused    | Target.NotInUse           | -                          | unused (Target.NotInUse)",
        "InService | N/A                       | N/A                        | InService",
        "OutOfService | Instance               | Instance is in stopped state. | OutOfService (Instance: Instance is in stopped state)",
    })
    void described_whenReasonAndDescription_readsLikeAws(String state, String reason, String description, String expected) {
        assertThat(TargetStatus.ofClassic(state, reason, description).described()).isEqualTo(expected);
    }
}
