package io.jenkins.plugins.awsrollout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsTarget;
import io.jenkins.plugins.awsrollout.engine.aws.RoleSessionName;
import io.jenkins.plugins.awsrollout.engine.aws.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsConnectionTest {

    private static final Map<String, String> ENV = Map.of("JOB_NAME", "web/deploy", "BUILD_NUMBER", "12");
    private static final AwsDefaults DEFAULTS = new AwsDefaults("eu-west-1", "global-creds",
            "arn:aws:iam::123456789012:role/GlobalDeployer", "global-external", "http://127.0.0.1:4566",
            Duration.ofSeconds(5), Duration.ofSeconds(60), RetrySettings.standard(5));

    @Test
    void resolve_blankFieldsFallBackToTheGlobalDefaults() {
        AwsTarget target = new AwsConnection(null, " ", null, null, null).resolve(DEFAULTS, ENV);

        assertThat(target).isEqualTo(new AwsTarget("eu-west-1", URI.create("http://127.0.0.1:4566"), "global-creds",
                "arn:aws:iam::123456789012:role/GlobalDeployer", "global-external",
                RoleSessionName.forBuild("web/deploy#12", "web/deploy", "12"), "web/deploy#12"));
        assertThat(target.roleSessionName()).matches("jenkins-web-deploy-12-[0-9a-f]{10}");
    }

    @Test
    void resolve_stepValuesWin_andAStepRoleDoesNotInheritTheGlobalExternalId() {
        AwsTarget target = new AwsConnection("us-east-2", "mine", "arn:aws:iam::210987654321:role/Other", null, null)
                .resolve(DEFAULTS, ENV);

        assertThat(target.region()).isEqualTo("us-east-2");
        assertThat(target.credentialsId()).isEqualTo("mine");
        assertThat(target.roleArn()).isEqualTo("arn:aws:iam::210987654321:role/Other");
        assertThat(target.externalId()).isNull();
    }

    @Test
    void resolve_badRoleArn_failsNamingFieldAndValue() {
        assertThatThrownBy(() -> new AwsConnection("us-east-1", null, "Deployer", null, null).resolve(AwsDefaults.none(), ENV))
                .isInstanceOf(OperationFailedException.class)
                .hasMessage("Invalid roleArn: 'Deployer' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).");
    }

    @Test
    void resolve_withoutCredentials_refusesTheControllerIdentityUnlessAllowed() {
        AwsDefaults strict = new AwsDefaults(null, null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60),
                RetrySettings.standard(5), false, List.of(), List.of());
        AwsDefaults allowing = new AwsDefaults(null, null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60),
                RetrySettings.standard(5), true, List.of(), List.of());

        assertThatThrownBy(() -> new AwsConnection("us-east-1", null, null, null, null).resolve(strict, ENV))
                .isInstanceOf(OperationFailedException.class)
                .hasMessage("No AWS credentials are set, which would mean the controller's own AWS identity, and an "
                        + "administrator has not allowed that: give the step a credentialsId, set default AWS credentials "
                        + "in Manage Jenkins » System » AWS Rollout, or ask an administrator to tick \"Use the AWS identity "
                        + "of the controller itself\" there.");
        assertThat(new AwsConnection("us-east-1", "mine", null, null, null).resolve(strict, ENV).credentialsId()).isEqualTo("mine");
        assertThat(new AwsConnection("us-east-1", null, null, null, null).resolve(allowing, ENV).credentialsId()).isNull();
    }
}
