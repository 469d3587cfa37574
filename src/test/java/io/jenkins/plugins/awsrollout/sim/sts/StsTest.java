package io.jenkins.plugins.awsrollout.sim.sts;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {
    private final ManualClock clock = ManualClock.at(T0);
    private AwsSimulator sim;
    private StsClient sts;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1")
                .principal("AKIAJENKINS000000001", "arn:aws:iam::111122223333:user/jenkins").build(), clock);
        sts = SimClients.of(sim).sts();
    }

    @AfterEach
    void stop() {
        sts.close();
        sim.close();
    }

    @Test
    void callerIdentityComesFromTheAccessKey() {
        var identity = sts.getCallerIdentity();
        var jenkins = SimClients.of(sim).withCredentials("AKIAJENKINS000000001", "s").sts().getCallerIdentity();

        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/sim-user");
        assertThat(jenkins.account()).isEqualTo("111122223333");
        assertThat(jenkins.arn()).isEqualTo("arn:aws:iam::111122223333:user/jenkins");
    }

    @Test
    void assumedRoleCredentialsIdentifyTheSessionAndExpireOnTheSimulatorClock() {
        Credentials credentials = sts.assumeRole(r -> r.roleArn("arn:aws:iam::444455556666:role/deployer")
                .roleSessionName("jenkins-web-42").durationSeconds(900).externalId("ext-123")).credentials();

        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.expiration()).isEqualTo(T0.plusSeconds(900));
        SimClients session = SimClients.of(sim).withSessionCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
        try (StsClient assumed = session.sts(); AutoScalingClient asg = session.withMaxAttempts(1).autoScaling()) {
            var identity = assumed.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("444455556666");
            assertThat(identity.arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/jenkins-web-42");
            assertThat(sim.state().assumedRoles()).singleElement().satisfies(i -> assertThat(i.externalId()).isEqualTo("ext-123"));

            clock.advance(Duration.ofSeconds(900));

            assertThatThrownBy(asg::describeAutoScalingGroups).isInstanceOfSatisfying(AutoScalingException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
        }
    }

    @Test
    void durationOutsideTheAllowedRangeIsAValidationError() {
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::444455556666:role/deployer").roleSessionName("s1")
                .durationSeconds(60))).isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
}
