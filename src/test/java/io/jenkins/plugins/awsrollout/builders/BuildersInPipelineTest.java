package io.jenkins.plugins.awsrollout.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.steps.AwsAsgRolloutStep;
import io.jenkins.plugins.awsrollout.steps.AwsBakeAmiStep;
import io.jenkins.plugins.awsrollout.steps.AwsCodeDeployStep;
import io.jenkins.plugins.awsrollout.steps.AwsElbRegisterStep;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Freestyle build steps are no second, non-durable Pipeline entry point: run by Pipeline's {@code step(...)} (the
 * build is then no {@code AbstractBuild}), each refuses before any AWS call, naming the Pipeline step to call instead.
 */
class BuildersInPipelineTest {

    @Test
    void everyBuilder_insidePipeline_refusesAndNamesItsStep() throws Exception {
        List<AwsBuilder<?>> builders = List.of(
                new AwsBakeAmiBuilder(new AwsBakeAmiStep("web-{{timestamp}}")),
                new AwsAsgRolloutBuilder(new AwsAsgRolloutStep("web")),
                new AwsElbRegisterBuilder(new AwsElbRegisterStep()),
                new AwsCodeDeployBuilder(new AwsCodeDeployStep("web-app", "web-dg")));

        try (SimulatedAws aws = SimulatedAws.start(World.builder().region("us-east-1").build())) {
            for (AwsBuilder<?> builder : builders) {
                String function = builder.step().functionName();
                assertThatThrownBy(() -> builder.refuseInPipeline(true))
                        .isInstanceOf(AbortException.class)
                        .hasMessage("This build step is for freestyle jobs: in a Pipeline, call " + function + "(...) instead, "
                                + "which survives a controller restart and finishes its cleanup when the build is stopped.");
            }
            // In a freestyle build (and in these tests, which have no Run) the builders run.
            for (AwsBuilder<?> builder : builders) {
                builder.refuseInPipeline(false);
            }
            assertThat(aws.sim().calls().all()).isEmpty();
        }
    }
}
