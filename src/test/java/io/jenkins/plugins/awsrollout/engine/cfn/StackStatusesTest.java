package io.jenkins.plugins.awsrollout.engine.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.engine.cfn.StackStatuses.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import org.junit.jupiter.api.Test;

class StackStatusesTest {

    @ParameterizedTest
    @CsvSource({
        "CREATE_IN_PROGRESS, IN_PROGRESS", "CREATE_COMPLETE, SUCCEEDED", "UPDATE_COMPLETE, SUCCEEDED",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, IN_PROGRESS", "ROLLBACK_IN_PROGRESS, IN_PROGRESS", "ROLLBACK_COMPLETE, ROLLED_BACK",
        "UPDATE_ROLLBACK_COMPLETE, ROLLED_BACK", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, IN_PROGRESS",
        "UPDATE_ROLLBACK_FAILED, FAILED", "ROLLBACK_FAILED, FAILED", "CREATE_FAILED, FAILED", "DELETE_COMPLETE, ROLLED_BACK",
        "DELETE_FAILED, FAILED", "REVIEW_IN_PROGRESS, IN_PROGRESS"
    })
    void of_whenStatus_tellsHowAWaitEnds(String status, Outcome outcome) {
        assertThat(StackStatuses.of(status)).isEqualTo(outcome);
    }

    @Test
    void of_everyStatusCloudFormationKnows_isClassified() {
        for (StackStatus status : StackStatus.knownValues()) {
            Outcome outcome = StackStatuses.of(status.toString());
            assertThat(outcome == Outcome.IN_PROGRESS).as(status.toString())
                    .isEqualTo(status.toString().endsWith("_IN_PROGRESS"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, ", "UPDATE_ROLLBACK_COMPLETE, ", "REVIEW_IN_PROGRESS, ",
        "ROLLBACK_COMPLETE, Delete it", "UPDATE_IN_PROGRESS, busy", "UPDATE_ROLLBACK_FAILED, continue-update-rollback",
        "DELETE_FAILED, finish deleting it"
    })
    void blocked_saysWhatToDo(String status, String advice) {
        String blocked = StackStatuses.blocked("web-infra", status, null);
        if (advice == null) {
            assertThat(blocked).isNull();
        } else {
            assertThat(blocked).contains(advice);
        }
    }
}
