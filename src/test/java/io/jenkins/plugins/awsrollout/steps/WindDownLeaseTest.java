package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's own wind-down is an abort path too: a rollout rolling a failed batch back holds its cleanup in the
 * ledger under the step's lease from the moment the rollback starts, and if the step vanishes then, the ledger
 * finishes the rollback.
 */
class WindDownLeaseTest {

    private static AwsAsgRolloutStep badAmi(SimulatedAws aws) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("bad-v3").id());
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(100);
        step.setMaxHealthyPercentage(150);
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        return step;
    }

    private static boolean rollingBack(SimulatedAws aws) {
        return aws.runtime().ledger().entries().stream().anyMatch(CleanupEntry::held);
    }

    @Test
    void failedBatchRollingBack_isHeldByTheStep_andRemovedWhenTheRollbackEnds() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(AsgWorlds.web(6).build())) {
            TestStepContext build = aws.context("deploy", 1);
            aws.start(badAmi(aws), build);

            aws.scheduler().runUntil(() -> build.isCompleted() || rollingBack(aws), 1_000_000);
            assertThat(build.isCompleted()).as(build.log()).isFalse();
            assertThat(build.log()).contains("failed in batch 1");
            assertThat(aws.runtime().ledger().entries()).singleElement().satisfies(e -> {
                assertThat(e.holder()).isEqualTo(CleanupEntry.Holder.STEP);
                assertThat(e.what()).isEqualTo("Rollout of Auto Scaling group web");
            });
            aws.runToEnd(build);

            assertThat(build.failure()).hasMessageContaining("Rolled web back to web-lt");
            assertThat(aws.runtime().ledger().entries()).isEmpty();
        }
    }

    @Test
    void stepVanishesWhileRollingBack_theLedgerFinishesTheRollback() throws Exception {
        try (SimulatedAws aws = SimulatedAws.start(AsgWorlds.web(6).build())) {
            SimState.GroupView before = aws.sim().state().group("web");
            TestStepContext build = aws.context("deploy", 2);
            aws.start(badAmi(aws), build);
            aws.scheduler().runUntil(() -> build.isCompleted() || rollingBack(aws), 1_000_000);
            assertThat(build.isCompleted()).isFalse();

            // Killed hard; the build's program cannot be loaded again, so the build is over.
            aws.builds().finished(build.buildId());
            aws.restartController();
            aws.scheduler().runAll(1_000_000);

            assertThat(aws.runtime().ledger().entries()).singleElement().satisfies(e -> {
                assertThat(e.stage()).as(e.outcome()).isEqualTo(CleanupEntry.Stage.FINISHED);
                assertThat(e.outcome()).contains("Rolled web back to web-lt");
            });
            SimState.GroupView after = aws.sim().state().group("web");
            assertThat(after.launchTemplateVersion()).isEqualTo(before.launchTemplateVersion());
            assertThat(List.of(after.minSize(), after.maxSize(), after.desiredCapacity()))
                    .isEqualTo(List.of(before.minSize(), before.maxSize(), before.desiredCapacity()));
            assertThat(after.suspendedProcesses()).isEmpty();
            assertThat(after.instances("InService")).hasSize(6)
                    .allSatisfy(i -> assertThat(i.launchTemplateVersion()).isEqualTo("1"));
        }
    }
}
