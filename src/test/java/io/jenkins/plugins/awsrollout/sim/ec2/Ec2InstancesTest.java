package io.jenkins.plugins.awsrollout.sim.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

class Ec2InstancesTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private AwsSimulator sim;
    private Ec2Client ec2;
    private String amiId;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1")
                .image("base-al2023-2026.11.01")
                .timings(t -> t.withBoot(Duration.ofSeconds(40)).withStop(Duration.ofSeconds(10))
                        .withTerminate(Duration.ofSeconds(5)).withStatusCheck(Duration.ofSeconds(20)))
                .build(), clock);
        ec2 = SimClients.of(sim).ec2();
        amiId = sim.state().image("base-al2023-2026.11.01").id();
    }

    @AfterEach
    void stop() {
        ec2.close();
        sim.close();
    }

    private RunInstancesResponse run(String userData, String token) {
        return ec2.runInstances(r -> r.imageId(amiId).instanceType("t3.micro").minCount(1).maxCount(1).clientToken(token)
                .userData(userData == null ? null : Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag -> tag.key("Name").value("builder")))
                .metadataOptions(m -> m.httpTokens("required"))
                .iamInstanceProfile(p -> p.name("builder-role")));
    }

    private Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void instanceIsPendingUntilTheBootDelayThenRunning() {
        Instance launched = run(null, null).instances().get(0);

        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.tags()).anySatisfy(t -> assertThat(t.value()).isEqualTo("builder"));
        assertThat(launched.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(launched.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/builder-role");
        clock.advance(Duration.ofSeconds(39));
        assertThat(describe(launched.instanceId()).state().name()).isEqualTo(InstanceStateName.PENDING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(describe(launched.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void sameClientTokenReturnsTheSameInstanceInsteadOfLaunchingAnother() {
        String first = run(null, "token-1").instances().get(0).instanceId();
        String second = run(null, "token-1").instances().get(0).instanceId();

        assertThat(second).isEqualTo(first);
        assertThat(sim.state().instances()).hasSize(1);
    }

    @Test
    void stopAndTerminateTakeTheirTime() {
        String id = run(null, null).instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(40));

        var stopping = ec2.stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stopping.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(stopping.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        clock.advance(Duration.ofSeconds(10));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.STOPPED);

        ec2.startInstances(r -> r.instanceIds(id));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.PENDING);
        clock.advance(Duration.ofSeconds(40));
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.RUNNING);

        var terminating = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(terminating.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        clock.advance(Duration.ofSeconds(5));
        assertThat(describe(id).state().code()).isEqualTo(48);
    }

    @Test
    void instanceStatusInitializesThenTurnsOk() {
        String id = run(null, null).instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(40));

        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses().get(0).instanceStatus().statusAsString())
                .isEqualTo("initializing");
        clock.advance(Duration.ofSeconds(20));
        assertThat(ec2.describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses().get(0).instanceStatus().statusAsString())
                .isEqualTo("ok");
    }

    @Test
    void filtersSelectByStateTagAndImage() {
        String a = run(null, null).instances().get(0).instanceId();
        String b = run(null, null).instances().get(0).instanceId();
        ec2.createTags(r -> r.resources(b).tags(t -> t.key("Env").value("prod")));
        clock.advance(Duration.ofSeconds(40));
        ec2.terminateInstances(r -> r.instanceIds(a));

        List<String> running = ids(Filter.builder().name("instance-state-name").values("running").build());
        List<String> prod = ids(Filter.builder().name("tag:Env").values("pr*").build());
        List<String> tagged = ids(Filter.builder().name("tag-key").values("Env").build());
        List<String> byImage = ids(Filter.builder().name("image-id").values(amiId).build());

        assertThat(running).containsExactly(b);
        assertThat(prod).containsExactly(b);
        assertThat(tagged).containsExactly(b);
        assertThat(byImage).containsExactly(a, b);
    }

    private List<String> ids(Filter filter) {
        return ec2.describeInstancesPaginator(r -> r.filters(filter)).reservations().stream()
                .flatMap(res -> res.instances().stream()).map(Instance::instanceId).toList();
    }

    @Test
    void paginatorFollowsNextTokenAcrossPages() {
        ec2.runInstances(r -> r.imageId(amiId).minCount(12).maxCount(12));

        var pages = ec2.describeInstancesPaginator(r -> r.maxResults(5)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.reservations().stream()).flatMap(r -> r.instances().stream())).hasSize(12);
    }

    @Test
    void unknownInstanceIsInvalidInstanceIdNotFound() {
        assertThatThrownBy(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void throttlingIsRetriedByTheSdkAndLogged() {
        sim.faults().throttleNext("DescribeInstances", 2);

        ec2.describeInstances();

        List<Call> calls = sim.calls().of("DescribeInstances");
        assertThat(calls).extracting(Call::outcome).containsExactly("RequestLimitExceeded", "RequestLimitExceeded", "OK");
        assertThat(calls.get(0).httpStatus()).isEqualTo(503);
    }

    @Test
    void throttlingBeyondTheRetryBudgetSurfacesAsRequestLimitExceeded() {
        sim.faults().throttleNext("DescribeInstances", 10);

        assertThatThrownBy(() -> ec2.describeInstances())
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded"));
        assertThat(sim.calls().count("DescribeInstances")).isEqualTo(4);
    }

    @Test
    void consoleOutputIsBase64WithATimestamp() {
        String id = run("#!/bin/bash\necho \"hello from user data\"\n", null).instances().get(0).instanceId();
        clock.advance(Duration.ofSeconds(40));

        var console = ec2.getConsoleOutput(r -> r.instanceId(id));

        String text = new String(Base64.getDecoder().decode(console.output()), StandardCharsets.UTF_8);
        assertThat(text).contains("hello from user data").contains("Cloud-init v. 22.2.2 finished");
        assertThat(console.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:40Z"));
    }

    @Test
    void waitersSeeInstancesRunningThenStopped() throws Exception {
        String id = run(null, null).instances().get(0).instanceId();

        try (AutoCloseable ticking = io.jenkins.plugins.awsrollout.sim.Fixtures.ticking(clock, Duration.ofSeconds(2))) {
            ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id), io.jenkins.plugins.awsrollout.sim.Fixtures.fastWaiter());
            ec2.stopInstances(r -> r.instanceIds(id));
            ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(id), io.jenkins.plugins.awsrollout.sim.Fixtures.fastWaiter());
        }
        assertThat(describe(id).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void launchFailureFaultAnswersInsufficientCapacity() {
        sim.faults().failLaunches(4);

        assertThatThrownBy(() -> run(null, null)).isInstanceOfSatisfying(Ec2Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity"));
        assertThat(sim.state().instances()).isEmpty();
    }
}
