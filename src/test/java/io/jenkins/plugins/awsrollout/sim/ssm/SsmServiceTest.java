package io.jenkins.plugins.awsrollout.sim.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.SsmException;

class SsmServiceTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private AwsSimulator sim;
    private Ec2Client ec2;
    private SsmClient ssm;
    private String web1;
    private String web2;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").image("base")
                .timings(t -> t.withBoot(Duration.ofSeconds(10)).withStop(Duration.ofSeconds(5))).build(), clock);
        ec2 = SimClients.of(sim).ec2();
        ssm = SimClients.of(sim).ssm();
        List<String> ids = ec2.runInstances(r -> r.imageId(sim.state().image("base").id()).minCount(2).maxCount(2)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag -> tag.key("Role").value("web"))))
                .instances().stream().map(i -> i.instanceId()).toList();
        web1 = ids.get(0);
        web2 = ids.get(1);
        clock.advance(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        ssm.close();
        ec2.close();
        sim.close();
    }

    private String send(List<String> commands, String... instanceIds) {
        return ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(instanceIds)
                .parameters(Map.of("commands", commands)).comment("provision")).command().commandId();
    }

    private GetCommandInvocationResponse invocation(String commandId, String instanceId) {
        return ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId));
    }

    @Test
    void commandRunsInSimulatedTimeAndReportsOutputAndSuccess() {
        String id = send(List.of("echo installing nginx", "sleep 30", "echo done"), web1);

        assertThatThrownBy(() -> invocation(id, web1)).isInstanceOf(InvocationDoesNotExistException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(invocation(id, web1).status()).isEqualTo(CommandInvocationStatus.PENDING);
        assertThat(invocation(id, web1).responseCode()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(1));
        GetCommandInvocationResponse running = invocation(id, web1);
        assertThat(running.status()).isEqualTo(CommandInvocationStatus.IN_PROGRESS);
        assertThat(running.standardOutputContent()).isEqualTo("installing nginx\n");
        clock.advance(Duration.ofSeconds(30));

        GetCommandInvocationResponse done = invocation(id, web1);
        assertThat(done.status()).isEqualTo(CommandInvocationStatus.SUCCESS);
        assertThat(done.statusDetails()).isEqualTo("Success");
        assertThat(done.responseCode()).isZero();
        assertThat(done.standardOutputContent()).isEqualTo("installing nginx\ndone\n");
        assertThat(done.standardErrorContent()).isEmpty();
        assertThat(done.executionStartDateTime()).isEqualTo("2026-01-01T00:00:12.000Z");
        assertThat(done.executionElapsedTime()).isEqualTo("PT30S");
        assertThat(done.pluginName()).isEqualTo("aws:runShellScript");
        assertThat(ssm.listCommands(r -> r.commandId(id)).commands()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CommandStatus.SUCCESS);
            assertThat(c.completedCount()).isEqualTo(1);
            assertThat(c.comment()).isEqualTo("provision");
        });
    }

    @Test
    void failingCommandReportsItsExitCodeAndStandardError() {
        String id = send(List.of("echo checking", "echo 'disk full' >&2", "exit 3"), web1);
        clock.advance(Duration.ofSeconds(5));

        GetCommandInvocationResponse done = invocation(id, web1);
        assertThat(done.status()).isEqualTo(CommandInvocationStatus.FAILED);
        assertThat(done.responseCode()).isEqualTo(3);
        assertThat(done.standardOutputContent()).isEqualTo("checking\n");
        assertThat(done.standardErrorContent()).startsWith("disk full\n").contains("exit status 3");
    }

    @Test
    void listCommandInvocationsWithDetailsShowsEveryInstanceAndPluginOutput() {
        String id = send(List.of("echo hello", "# sim: fail bad config"), web1, web2);
        assertThat(ssm.listCommandInvocations(r -> r.commandId(id)).commandInvocations()).isEmpty();
        clock.advance(Duration.ofSeconds(5));

        List<CommandInvocation> invocations = ssm.listCommandInvocations(r -> r.commandId(id).details(true)).commandInvocations();

        assertThat(invocations).extracting(CommandInvocation::instanceId).containsExactly(web1, web2);
        assertThat(invocations).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(CommandInvocationStatus.FAILED);
            assertThat(i.commandPlugins()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("aws:runShellScript");
                assertThat(p.responseCode()).isEqualTo(1);
                assertThat(p.output()).startsWith("hello\n\n----------ERROR-------\nbad config\n");
            });
        });
        assertThat(ssm.listCommands(r -> r.commandId(id)).commands().get(0).status()).isEqualTo(CommandStatus.FAILED);
        assertThat(ssm.listCommandInvocations(r -> r.commandId(id).maxResults(1)).nextToken()).isNotNull();
    }

    @Test
    void onlyRunningInstancesAreTargets() {
        ec2.stopInstances(r -> r.instanceIds(web2));

        assertThatThrownBy(() -> send(List.of("true"), web1, web2)).isInstanceOfSatisfying(InvalidInstanceIdException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains(web2).doesNotContain(web1));
        assertThatThrownBy(() -> send(List.of("true"), "i-0000000000000dead")).isInstanceOf(InvalidInstanceIdException.class);
        assertThat(sim.calls().of("ssm", "SendCommand")).extracting(Call::outcome).containsOnly("InvalidInstanceId");
    }

    @Test
    void targetsByTagSelectRunningInstances() {
        ec2.stopInstances(r -> r.instanceIds(web2));
        String id = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript")
                .targets(t -> t.key("tag:Role").values("web")).parameters(Map.of("commands", List.of("true")))).command().commandId();
        clock.advance(Duration.ofSeconds(5));

        assertThat(ssm.listCommandInvocations(r -> r.commandId(id)).commandInvocations())
                .extracting(CommandInvocation::instanceId).containsExactly(web1);
    }

    @Test
    void cancelStopsARunningCommand() {
        String id = send(List.of("echo start", "sleep 600", "echo never"), web1);
        clock.advance(Duration.ofSeconds(10));

        ssm.cancelCommand(r -> r.commandId(id));
        assertThat(invocation(id, web1).status()).isEqualTo(CommandInvocationStatus.CANCELLING);
        clock.advance(Duration.ofSeconds(1));

        GetCommandInvocationResponse cancelled = invocation(id, web1);
        assertThat(cancelled.status()).isEqualTo(CommandInvocationStatus.CANCELLED);
        clock.advance(Duration.ofMinutes(20));
        assertThat(invocation(id, web1).standardOutputContent()).isEqualTo("start\n");
        assertThat(ssm.listCommands(r -> r.commandId(id)).commands().get(0).status()).isEqualTo(CommandStatus.CANCELLED);
    }

    @Test
    void executionTimeoutEndsTheCommandTimedOut() {
        String id = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(web1)
                .parameters(Map.of("commands", List.of("sleep 120"), "executionTimeout", List.of("60")))).command().commandId();
        clock.advance(Duration.ofSeconds(70));

        GetCommandInvocationResponse timedOut = invocation(id, web1);
        assertThat(timedOut.status()).isEqualTo(CommandInvocationStatus.TIMED_OUT);
        assertThat(timedOut.statusDetails()).isEqualTo("ExecutionTimedOut");
    }

    @Test
    void badRequestsGetTheModeledErrors() {
        assertThatThrownBy(() -> ssm.sendCommand(r -> r.documentName("AWS-NoSuchDocument").instanceIds(web1)
                .parameters(Map.of("commands", List.of("true"))))).isInstanceOf(InvalidDocumentException.class);
        assertThatThrownBy(() -> ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(web1)))
                .isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameters"));
        assertThatThrownBy(() -> invocation("00000000-0000-4000-8000-000000000000", web1))
                .isInstanceOf(InvocationDoesNotExistException.class);
        assertThat(sim.calls().mutatingOk()).noneMatch(c -> c.service().equals("ssm"));
    }

    @Test
    void outputGoesToTheOutputBucketWhenItExists() {
        try (S3Client s3 = SimClients.of(sim).s3()) {
            s3.createBucket(b -> b.bucket("ssm-output"));
            String id = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(web1)
                    .parameters(Map.of("commands", List.of("echo to s3"))).outputS3BucketName("ssm-output")
                    .outputS3KeyPrefix("runs")).command().commandId();
            clock.advance(Duration.ofSeconds(5));

            assertThat(invocation(id, web1).standardOutputUrl()).endsWith("/ssm-output/runs/" + id + "/" + web1
                    + "/awsrunShellScript/0.awsrunShellScript/stdout");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("ssm-output")
                    .key("runs/" + id + "/" + web1 + "/awsrunShellScript/0.awsrunShellScript/stdout")).asUtf8String())
                    .isEqualTo("to s3\n");
        }
    }

    @Test
    void throttledCallsAreRetriedBySdk() {
        sim.faults().throttleNext("SendCommand", 2);

        String id = send(List.of("true"), web1);

        assertThat(id).hasSize(36);
        assertThat(sim.calls().of("ssm", "SendCommand")).extracting(Call::outcome)
                .containsExactly("ThrottlingException", "ThrottlingException", "OK");
    }
}
