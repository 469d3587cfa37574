package io.jenkins.plugins.awsrollout.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Sessions against the simulator: the role is assumed as the build, clients are cached per build and credentials. */
class AwsSessionTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/Deployer";
    private static final RetrySettings FAST = new RetrySettings(false, 3, Duration.ofMillis(1));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final AwsSimulator sim = AwsSimulator.start(
            World.builder().accountId("123456789012").region("us-east-1").region("eu-west-1").build(), clock);
    private final AwsSessions sessions = new AwsSessions(clock);

    @AfterEach
    void close() {
        sessions.close();
        sim.close();
    }

    @Test
    void session_withRole_assumesItNamedAfterTheBuildWithTheExternalId() {
        AwsTarget target = new AwsTarget("us-east-1", sim.endpoint(), "deployer", ROLE, "prod-ext", "jenkins-web-deploy-42");

        CallerIdentity identity = CallerIdentity.of(sessions.session(target, keys("AKIABASE000000000001"), FAST, null));

        assertThat(identity.account()).isEqualTo("123456789012");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Deployer/jenkins-web-deploy-42");
        Call assumeRole = sim.calls().of("AssumeRole").get(0);
        assertThat(assumeRole.accessKeyId()).isEqualTo("AKIABASE000000000001");
        assertThat(assumeRole.params()).containsEntry("RoleArn", ROLE).containsEntry("ExternalId", "prod-ext")
                .containsEntry("RoleSessionName", "jenkins-web-deploy-42");
        assertThat(sim.calls().of("GetCallerIdentity").get(0).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void session_withoutRole_callsWithTheBaseCredentialsInTheTargetRegion() {
        AwsTarget target = new AwsTarget("eu-west-1", sim.endpoint(), null, null, null, "jenkins-job-1");

        sessions.session(target, keys("AKIABASE000000000002"), FAST, null).ec2().describeRegions();

        Call call = sim.calls().of("DescribeRegions").get(0);
        assertThat(call.accessKeyId()).isEqualTo("AKIABASE000000000002");
        assertThat(call.region()).isEqualTo("eu-west-1");
        assertThat(sim.calls().of("AssumeRole")).isEmpty();
    }

    @Test
    void session_isCachedPerBuildAndCredentials_neverSwappingTheCredentialsOfASession() {
        AwsTarget target = new AwsTarget("us-east-1", sim.endpoint(), "deployer", null, null, "jenkins-job-1", "job#1");

        AwsSession first = sessions.session(target, keys("AKIAFIRST00000000001"), FAST, null);
        AwsSession again = sessions.session(target, keys("AKIAFIRST00000000001"), FAST, null);
        AwsSession rotated = sessions.session(target, keys("AKIAROTATED000000002"), FAST, null);
        first.ec2().describeRegions();
        rotated.ec2().describeRegions();
        first.ec2().describeRegions();

        assertThat(again).isSameAs(first);
        assertThat(again.ec2()).isSameAs(first.ec2());
        assertThat(rotated).isNotSameAs(first);
        assertThat(sim.calls().of("DescribeRegions")).extracting(Call::accessKeyId)
                .containsExactly("AKIAFIRST00000000001", "AKIAROTATED000000002", "AKIAFIRST00000000001");
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void session_ofAnotherBuild_withTheSameSettingsAndCredentialsId_isItsOwn_withItsOwnRoleCredentials() {
        // Same credentials id, region, role and (as sanitising leaves them) session name: only the build differs.
        AwsTarget buildA = new AwsTarget("us-east-1", sim.endpoint(), "deployer", ROLE, null, "jenkins-deploy-7", "a/deploy#7");
        AwsTarget buildB = new AwsTarget("us-east-1", sim.endpoint(), "deployer", ROLE, null, "jenkins-deploy-7", "b/deploy#7");

        AwsSession a = sessions.session(buildA, keys("AKIAFOLDERA000000001"), FAST, null);
        AwsSession b = sessions.session(buildB, keys("AKIAFOLDERB000000001"), FAST, null);
        a.ec2().describeRegions();
        b.ec2().describeRegions();
        a.ec2().describeRegions();

        assertThat(a).isNotSameAs(b);
        List<Call> assumed = sim.calls().of("AssumeRole");
        assertThat(assumed).extracting(Call::accessKeyId).containsExactly("AKIAFOLDERA000000001", "AKIAFOLDERB000000001");
        List<Call> described = sim.calls().of("DescribeRegions");
        assertThat(described.get(0).accessKeyId()).isEqualTo(described.get(2).accessKeyId()).isNotEqualTo(described.get(1).accessKeyId());
    }

    @Test
    void inRegion_sharesCredentialsAndRoleWithAnotherRegion() {
        AwsTarget target = new AwsTarget("us-east-1", sim.endpoint(), "deployer", ROLE, null, "jenkins-job-1");
        AwsSession home = sessions.session(target, keys("AKIABASE000000000003"), FAST, null);

        AwsSession away = home.inRegion("eu-west-1");
        away.ec2().describeRegions();

        assertThat(away.region()).isEqualTo("eu-west-1");
        assertThat(away.target().roleArn()).isEqualTo(ROLE);
        assertThat(home.inRegion("us-east-1")).isSameAs(home);
        assertThat(sim.calls().of("DescribeRegions").get(0).region()).isEqualTo("eu-west-1");
    }

    @Test
    void retries_whenThrottled_areTheSdksAndSucceed() {
        AwsTarget target = new AwsTarget("us-east-1", sim.endpoint(), null, null, null, "jenkins-job-1");
        sim.faults().throttle("DescribeRegions", 1.0);
        AwsSession session = sessions.session(target, keys("AKIABASE000000000004"), FAST, null);
        try {
            session.ec2().describeRegions();
        } catch (RuntimeException expected) {
            // Every attempt throttled: the SDK gives up after its attempts.
        }
        sim.faults().throttle("DescribeRegions", 0.0);
        session.ec2().describeRegions();

        List<Call> calls = sim.calls().of("DescribeRegions");
        assertThat(calls).hasSize(4);
        assertThat(calls.subList(0, 3)).allMatch(Call::throttled);
        assertThat(calls.get(0).outcome()).isEqualTo("RequestLimitExceeded");
        assertThat(calls.get(3).ok()).isTrue();
    }

    @Test
    void sessions_shareTheThreadsThatTimeCallsOut_soThreadsDoNotGrowWithBuilds() {
        java.util.Set<Long> before = sdkSchedulerThreads();

        for (int build = 1; build <= 20; build++) {
            AwsTarget target = new AwsTarget("us-east-1", sim.endpoint(), "deployer", null, null, "jenkins-web-deploy-" + build);
            AwsSession session = sessions.session(target, keys("AKIABASE000000000005"), FAST, null);
            session.ec2().describeRegions();
            session.sts().getCallerIdentity();
        }

        assertThat(sessions.size()).isEqualTo(20);
        assertThat(sdkSchedulerThreads()).as("threads the SDK clients started for themselves").isEqualTo(before);
        assertThat(((java.util.concurrent.ScheduledThreadPoolExecutor) sessions.timeouts()).getPoolSize())
                .isBetween(1, AwsSessions.TIMEOUT_THREADS);
    }

    /** Live threads of the schedulers SDK clients start for themselves when given none. */
    private static java.util.Set<Long> sdkSchedulerThreads() {
        return java.util.Arrays.stream(java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .filter(t -> t.getThreadName().startsWith("sdk-ScheduledExecutor"))
                .map(java.lang.management.ThreadInfo::getThreadId)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static StaticCredentialsProvider keys(String accessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret-" + accessKey));
    }
}
