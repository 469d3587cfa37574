package io.jenkins.plugins.awsrollout.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import io.jenkins.plugins.awsrollout.engine.aws.ApiRates;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import java.time.Duration;
import java.util.List;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * docs/examples/casc.yaml (copied next to this test) configures, validates through the web UI, survives a restart
 * and exports back: the global configuration is JCasC-ready.
 */
@WithJenkins
class AwsRolloutGlobalConfigurationJenkinsTest extends AbstractRoundTripTest {

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        AwsRolloutGlobalConfiguration config = AwsRolloutGlobalConfiguration.get();
        assertThat(config.toDefaults()).isEqualTo(new AwsDefaults(
                "eu-west-1",
                "aws-deployer",
                "arn:aws:iam::123456789012:role/Deployer",
                "jenkins-prod",
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                new RetrySettings(true, 5, null),
                false,
                List.of("arn:aws:iam::123456789012:role/deploy-*"),
                List.of("https://vpce-0abc1234-ec2.ec2.eu-west-1.vpce.amazonaws.com"),
                new ApiRates(10, 5)));
    }

    @Override
    protected String stringInLogExpected() {
        // configuration-as-code logs "Setting <the configuration object>.<attribute> = <value>"
        return ".roleArn = arn:aws:iam::123456789012:role/Deployer";
    }
}
