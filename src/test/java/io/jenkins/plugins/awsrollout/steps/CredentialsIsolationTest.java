package io.jenkins.plugins.awsrollout.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import io.jenkins.plugins.awsrollout.testing.TestStepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, defect 1: two builds whose connection settings read alike never share a session. Two concurrent
 * rollouts in different folders use the same credentials id (each folder holds its own keys under it), the same
 * region and the same role, and job names that sanitise to the same STS session name; every call of each build must
 * be signed by that build's own role session, assumed with that build's own keys.
 */
class CredentialsIsolationTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/Deployer";
    private static final String KEY_A = "AKIATEAMA00000000001";
    private static final String KEY_B = "AKIATEAMB00000000002";

    private SimulatedAws aws;

    @BeforeEach
    void start() {
        aws = SimulatedAws.start(World.builder().region("us-east-1").accountId("123456789012")
                .image("base-v1").image("base-v2")
                .launchTemplate("lt-a", lt -> lt.image("base-v1").instanceType("t3.micro"))
                .launchTemplate("lt-b", lt -> lt.image("base-v1").instanceType("t3.micro"))
                .autoScalingGroup("web-a", g -> g.launchTemplate("lt-a").launchTemplateVersion("1").instances(4).minSize(1).maxSize(8))
                .autoScalingGroup("web-b", g -> g.launchTemplate("lt-b").launchTemplateVersion("1").instances(4).minSize(1).maxSize(8))
                .timings(t -> t.withBoot(Duration.ofSeconds(60)).withHealthCheck(Duration.ofSeconds(30))
                        .withTerminate(Duration.ofSeconds(10)).withStatusCheck(Duration.ofSeconds(30)))
                .build());
        AwsDefaults sim = aws.defaults();
        aws.runtime()
                .withDefaults(new AwsDefaults(sim.region(), "deployer", ROLE, null, sim.endpointUrl(), sim.pollInterval(),
                        sim.maxPollInterval(), sim.retry()))
                .withFolderCredentials("team-a", "deployer", KEY_A, "secret-of-team-a")
                .withFolderCredentials("team", "deployer", KEY_B, "secret-of-team");
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private AwsAsgRolloutStep rollout(String group) {
        AwsAsgRolloutStep step = new AwsAsgRolloutStep(group);
        step.setStrategy("rolling");
        step.setMinHealthyPercentage(50);
        step.setAmi(aws.sim().state().image("base-v2").id());
        return step;
    }

    @Test
    void concurrentBuilds_sameCredentialsIdRoleAndRegion_collidingJobNames_eachSignedByItsOwnKeys() throws Exception {
        TestStepContext buildA = aws.context("team-a/deploy", 7);
        TestStepContext buildB = aws.context("team/a-deploy", 7);
        aws.start(rollout("web-a"), buildA);
        aws.start(rollout("web-b"), buildB);

        aws.scheduler().runUntil(() -> buildA.isCompleted() && buildB.isCompleted(), 1_000_000);

        assertThat(buildA.failure()).isNull();
        assertThat(buildB.failure()).isNull();
        List<Call> assumeRole = aws.sim().calls().of("AssumeRole");
        Map<String, Set<String>> keysBySession = assumeRole.stream().collect(Collectors.groupingBy(
                c -> c.param("RoleSessionName"), Collectors.mapping(Call::accessKeyId, Collectors.toSet())));
        assertThat(keysBySession).as("each build's role session is assumed with its own folder's keys only").hasSize(2)
                .containsValues(Set.of(KEY_A), Set.of(KEY_B));
        String sessionA = sessionAssumedWith(KEY_A);
        String sessionB = sessionAssumedWith(KEY_B);
        assertThat(sessionA).startsWith("jenkins-team-a-deploy-7-");
        assertThat(sessionB).startsWith("jenkins-team-a-deploy-7-").isNotEqualTo(sessionA);

        List<Call> work = aws.sim().calls().matching(c -> !c.action().equals("AssumeRole"));
        assertThat(work).isNotEmpty().allSatisfy(c -> assertThat(c.roleSessionName()).as(c.action()).isIn(sessionA, sessionB));
        assertThat(callsNaming("web-a", "lt-a")).isNotEmpty().allSatisfy(c -> assertThat(c.roleSessionName()).isEqualTo(sessionA));
        assertThat(callsNaming("web-b", "lt-b")).isNotEmpty().allSatisfy(c -> assertThat(c.roleSessionName()).isEqualTo(sessionB));
        assertThat(aws.sim().state().group("web-a").instances("InService")).hasSize(4);
        assertThat(aws.sim().state().group("web-b").instances("InService")).hasSize(4);
    }

    private String sessionAssumedWith(String key) {
        return aws.sim().calls().of("AssumeRole").stream().filter(c -> c.accessKeyId().equals(key)).map(c -> c.param("RoleSessionName"))
                .findFirst().orElseThrow();
    }

    private List<Call> callsNaming(String... values) {
        Set<String> wanted = Set.of(values);
        return aws.sim().calls().matching(c -> c.params().values().stream().anyMatch(wanted::contains));
    }
}
