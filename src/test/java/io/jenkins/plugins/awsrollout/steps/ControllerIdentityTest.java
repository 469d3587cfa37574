package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import io.jenkins.plugins.awsrollout.testing.TestStepRuntime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #13, defect 2: a step with no credentials (none given, no global default) runs as the controller only when an
 * administrator ticked "Use the AWS identity of the controller itself"; otherwise it fails before any AWS call, saying where
 * to set credentials.
 */
class ControllerIdentityTest {

    private SimulatedAws aws;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(AsgWorlds.web(2).build());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private void allowControllerIdentity(boolean allowed) {
        AwsDefaults sim = aws.defaults();
        aws.runtime().withDefaults(new AwsDefaults(sim.region(), null, null, null, sim.endpointUrl(), sim.pollInterval(),
                sim.maxPollInterval(), sim.retry(), allowed, List.of(), List.of()));
    }

    private AwsAsgRolloutStep dryRun() {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setAmi(aws.sim().state().image("base-v2").id());
        step.setMinHealthyPercentage(50);
        step.setDryRun(true);
        return step;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stepWithoutCredentials_runsAsTheControllerOnlyWhenAllowed(boolean allowed) throws Exception {
        allowControllerIdentity(allowed);

        TestStepContext build = aws.run(dryRun());

        if (allowed) {
            assertThat(build.failure()).isNull();
            assertThat(aws.sim().calls().all()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.accessKeyId()).isEqualTo(TestStepRuntime.DEFAULT_ACCESS_KEY));
        } else {
            assertThat(build.failure()).hasMessageStartingWith("No AWS credentials are set, which would mean the controller's own AWS identity")
                    .hasMessageContaining("Manage Jenkins » System » AWS Rollout")
                    .hasMessageContaining("\"Use the AWS identity of the controller itself\"");
            assertThat(aws.sim().calls().all()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stepWithCredentials_isNotConcerned(boolean allowed) throws Exception {
        allowControllerIdentity(allowed);
        AwsAsgRolloutStep step = dryRun();
        step.setCredentialsId(SimulatedAws.CREDENTIALS_ID);

        TestStepContext build = aws.run(step);

        assertThat(build.failure()).isNull();
        assertThat(aws.sim().calls().all()).isNotEmpty().allSatisfy(c -> assertThat(c.accessKeyId()).isEqualTo("AKIASIMDEPLOYER00001"));
    }
}
