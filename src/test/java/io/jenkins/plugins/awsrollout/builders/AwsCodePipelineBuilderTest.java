package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.codepipeline.ReleaseWorlds;
import io.jenkins.plugins.awsrollout.steps.AwsCodePipelineStep;
import io.jenkins.plugins.awsrollout.testing.LogListener;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsCodePipelineBuilderTest {

    @Test
    void perform_runsTheReleaseOnTheBuildsExecutor() throws Exception {
        AwsCodePipelineStep release = new AwsCodePipelineStep("web-release");
        release.setCredentialsId(SimulatedAws.CREDENTIALS_ID);
        release.setApprovals("approve");
        release.setVariables(Map.of("VERSION", "3.0"));
        AwsCodePipelineBuilder builder = new AwsCodePipelineBuilder(release);
        LogListener listener = new LogListener();

        try (SimulatedAws aws = SimulatedAws.start(ReleaseWorlds.release(2).build())) {
            assertThat(builder.requiresWorkspace()).isFalse();
            Map<String, Object> result = builder.perform(aws.runtime(), null, null,
                    Map.of("JOB_NAME", "release-freestyle", "BUILD_NUMBER", "4"), listener);

            assertThat(result).as(listener.text()).containsEntry("status", "Succeeded");
            assertThat(listener.text()).contains("[awsCodePipeline] START Started execution ",
                    "[awsCodePipeline] APPROVE Approved Approve/Approve of execution ", ": Approved by Jenkins: release-freestyle #4");
            assertThat(aws.sim().calls().mutating()).extracting(c -> c.action())
                    .containsExactly("StartPipelineExecution", "PutApprovalResult");
        }
    }
}
