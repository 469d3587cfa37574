package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Issue #13, defect 4: a build resolves its credentials once per lifetime, not on every poll. Over a rollout of more
 * than two simulated hours, the credentials entry's own IAM role and the step's role are each assumed once per
 * credentials lifetime (shortly before the previous credentials expire), and no call is ever signed with expired
 * credentials; rotated long-term keys take effect at the next refresh.
 */
class CredentialsRefreshTest {

    private static final String STEP_ROLE = "arn:aws:iam::123456789012:role/Deployer";
    private static final String ENTRY_ROLE = "arn:aws:iam::123456789012:role/JenkinsEntry";
    private static final String ENTRY_KEY = "AKIAENTRY00000000001";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private SimulatedAws aws;

    @AfterEach
    void stop() {
        aws.close();
    }

    private void start(int instances, Duration boot, String credentialsId, String roleArn) {
        aws = SimulatedAws.start(World.builder().region("us-east-1").accountId("123456789012")
                .image("base-v1").image("base-v2")
                .launchTemplate("web-lt", lt -> lt.image("base-v1").instanceType("t3.micro"))
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(instances)
                        .minSize(1).maxSize(instances * 2))
                .timings(t -> t.withBoot(boot).withHealthCheck(Duration.ofSeconds(30))
                        .withTerminate(Duration.ofSeconds(10)).withStatusCheck(Duration.ofSeconds(30)))
                .build());
        AwsDefaults sim = aws.defaults();
        aws.runtime().withDefaults(new AwsDefaults(sim.region(), credentialsId, roleArn, null, sim.endpointUrl(),
                sim.pollInterval(), sim.maxPollInterval(), sim.retry()));
    }

    private AwsAsgRolloutStep oneByOne() {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep("web");
        step.setStrategy("rolling");
        step.setBatchSize("1");
        step.setMinHealthyPercentage(50);
        step.setHealthCheckTimeoutMinutes(60);
        step.setTimeoutMinutes(240);
        step.setAmi(aws.sim().state().image("base-v2").id());
        return step;
    }

    @Test
    void twoHourRollout_assumesEachRoleOncePerCredentialsLifetime() throws Exception {
        start(7, Duration.ofMinutes(20), "role-entry", STEP_ROLE);
        RoleEntry entry = new RoleEntry();
        aws.runtime().withCredentials("role-entry", entry);
        Instant begin = aws.clock().instant();

        TestStepContext build = aws.run(oneByOne());

        assertThat(build.failure()).isNull();
        Duration elapsed = Duration.between(begin, aws.clock().instant());
        assertThat(elapsed).isGreaterThan(Duration.ofHours(2));
        assertThat(aws.sim().calls().failed()).as("no call signed with expired credentials").isEmpty();
        long lifetimes = elapsed.toMinutes() / LIFETIME.minusMinutes(5).toMinutes() + 1;
        List<Call> entryAssumes = aws.sim().calls().matching(c -> c.action().equals("AssumeRole") && ENTRY_ROLE.equals(c.param("RoleArn")));
        List<Call> stepAssumes = aws.sim().calls().matching(c -> c.action().equals("AssumeRole") && STEP_ROLE.equals(c.param("RoleArn")));
        assertThat(entryAssumes).hasSize((int) lifetimes);
        assertThat(stepAssumes).hasSize((int) lifetimes);
        assertThat(entry.resolutions.get()).isEqualTo(lifetimes);
        for (List<Call> assumes : List.of(entryAssumes, stepAssumes)) {
            for (int i = 1; i < assumes.size(); i++) {
                Duration gap = Duration.between(assumes.get(i - 1).time(), assumes.get(i).time());
                assertThat(gap).as("refreshed shortly before the previous credentials expire")
                        .isBetween(LIFETIME.minusMinutes(5), LIFETIME.minusMinutes(1));
            }
        }
        long polls = aws.sim().calls().matching(c -> !c.action().equals("AssumeRole")).size();
        assertThat(polls).as("calls the rollout made; each used to resolve the entry again").isGreaterThan(20 * lifetimes);
    }

    @Test
    void rotatedKeys_takeEffectAtTheNextRefresh_andNeverBefore() throws Exception {
        start(4, Duration.ofMinutes(10), "deployer", null);
        aws.runtime().withCredentials("deployer", "AKIAOLDKEY0000000001", "old-secret");
        TestStepContext build = aws.context("web/deploy", 3);
        aws.start(oneByOne(), build);
        Instant begin = aws.clock().instant();

        aws.scheduler().runUntil(() -> aws.clock().instant().isAfter(begin.plus(Duration.ofMinutes(7))), 1_000_000);
        aws.runtime().withCredentials("deployer", "AKIANEWKEY0000000002", "new-secret");
        Instant rotated = aws.clock().instant();
        aws.runToEnd(build);

        assertThat(build.failure()).isNull();
        List<Call> calls = aws.sim().calls().all();
        assertThat(calls).filteredOn(c -> c.time().isBefore(rotated)).extracting(Call::accessKeyId).containsOnly("AKIAOLDKEY0000000001");
        Instant firstNew = calls.stream().filter(c -> c.accessKeyId().equals("AKIANEWKEY0000000002")).map(Call::time).findFirst().orElseThrow();
        assertThat(Duration.between(rotated, firstNew)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(calls).filteredOn(c -> c.time().isAfter(firstNew)).extracting(Call::accessKeyId).containsOnly("AKIANEWKEY0000000002");
    }

    /**
     * An aws-credentials entry with an IAM role, as Jenkins resolves it: every resolve calls STS AssumeRole with the
     * entry's keys (and our adapter notes when the credentials expire).
     */
    private final class RoleEntry implements AwsCredentialsProvider {
        final AtomicInteger resolutions = new AtomicInteger();

        @Override
        public AwsCredentials resolveCredentials() {
            resolutions.incrementAndGet();
            try (StsClient sts = SimClients.of(aws.sim()).withCredentials(ENTRY_KEY, "entry-secret").sts()) {
                Credentials issued = sts.assumeRole(r -> r.roleArn(ENTRY_ROLE).roleSessionName("jenkins-credentials")
                        .durationSeconds((int) LIFETIME.toSeconds())).credentials();
                return AwsSessionCredentials.builder().accessKeyId(issued.accessKeyId()).secretAccessKey(issued.secretAccessKey())
                        .sessionToken(issued.sessionToken()).expirationTime(issued.expiration()).build();
            }
        }
    }
}
