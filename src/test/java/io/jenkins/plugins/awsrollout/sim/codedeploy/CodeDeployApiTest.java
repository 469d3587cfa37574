package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static io.jenkins.plugins.awsrollout.sim.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentNotStartedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetListSizeExceededException;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.InvalidAutoScalingGroupException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLoadBalancerInfoException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRevisionException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionRequiredException;
import software.amazon.awssdk.services.codedeploy.waiters.CodeDeployWaiter;

/** Every CodeDeploy operation through the SDK: shapes, modeled errors, the waiter, throttling. */
class CodeDeployApiTest extends CodeDeployTestBase {

    @Test
    void applicationIsCreatedReadAndListed() {
        var app = codeDeploy.getApplication(r -> r.applicationName("web-app")).application();

        assertThat(app.applicationName()).isEqualTo("web-app");
        assertThat(app.applicationId()).hasSize(36);
        assertThat(app.computePlatformAsString()).isEqualTo("Server");
        assertThat(app.createTime()).isEqualTo(T0);
        assertThat(codeDeploy.listApplications().applications()).containsExactly("web-app");
        assertThatThrownBy(() -> codeDeploy.createApplication(r -> r.applicationName("web-app")))
                .isInstanceOf(ApplicationAlreadyExistsException.class);
        assertThatThrownBy(() -> codeDeploy.getApplication(r -> r.applicationName("nope")))
                .isInstanceOfSatisfying(ApplicationDoesNotExistException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No application found for name: nope");
                });
    }

    @Test
    void deploymentGroupKeepsEverythingItWasCreatedWith() {
        codeDeploy.createDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg").autoScalingGroups("web")
                .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole").deploymentConfigName("CodeDeployDefault.HalfAtATime")
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .loadBalancerInfo(l -> l.targetGroupInfoList(t -> t.name("web-tg")).elbInfoList(e -> e.name("web-elb")))
                .autoRollbackConfiguration(a -> a.enabled(true).eventsWithStrings("DEPLOYMENT_FAILURE"))
                .alarmConfiguration(a -> a.enabled(true).alarms(x -> x.name("web-5xx")))
                .blueGreenDeploymentConfiguration(bg -> bg.greenFleetProvisioningOption(g -> g.action("COPY_AUTO_SCALING_GROUP"))
                        .deploymentReadyOption(o -> o.actionOnTimeout("STOP_DEPLOYMENT").waitTimeInMinutes(30))
                        .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("TERMINATE").terminationWaitTimeInMinutes(60))));

        DeploymentGroupInfo g = codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("web-dg"))
                .deploymentGroupInfo();

        assertThat(g.deploymentGroupId()).hasSize(36);
        assertThat(g.deploymentConfigName()).isEqualTo("CodeDeployDefault.HalfAtATime");
        assertThat(g.autoScalingGroups()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("web");
            assertThat(a.hook()).startsWith("CodeDeploy-managed-automatic-launch-deployment-hook-web-dg-");
        });
        assertThat(g.deploymentStyle().deploymentTypeAsString()).isEqualTo("BLUE_GREEN");
        assertThat(g.loadBalancerInfo().targetGroupInfoList()).extracting(t -> t.name()).containsExactly("web-tg");
        assertThat(g.loadBalancerInfo().elbInfoList()).extracting(t -> t.name()).containsExactly("web-elb");
        assertThat(g.autoRollbackConfiguration().eventsAsStrings()).containsExactly("DEPLOYMENT_FAILURE");
        assertThat(g.alarmConfiguration().alarms()).extracting(a -> a.name()).containsExactly("web-5xx");
        assertThat(g.blueGreenDeploymentConfiguration().deploymentReadyOption().waitTimeInMinutes()).isEqualTo(30);
        assertThat(g.blueGreenDeploymentConfiguration().terminateBlueInstancesOnDeploymentSuccess().actionAsString()).isEqualTo("TERMINATE");
        assertThat(g.serviceRoleArn()).endsWith("role/CodeDeployServiceRole");
        assertThat(g.lastSuccessfulDeployment()).isNull();
        assertThat(codeDeploy.listDeploymentGroups(r -> r.applicationName("web-app")).deploymentGroups()).containsExactly("web-dg");
    }

    @Test
    void deploymentGroupMistakesGetTheModeledErrors() {
        group("CodeDeployDefault.OneAtATime", r -> { });

        assertThatThrownBy(() -> group("CodeDeployDefault.OneAtATime", r -> { }))
                .isInstanceOf(DeploymentGroupAlreadyExistsException.class);
        assertThatThrownBy(() -> group("CodeDeployDefault.OneAtATime", r -> r.deploymentGroupName("x").autoScalingGroups("nope")))
                .isInstanceOf(InvalidAutoScalingGroupException.class);
        assertThatThrownBy(() -> group("CodeDeployDefault.OneAtATime", r -> r.deploymentGroupName("x").loadBalancerInfo(l -> { })))
                .isInstanceOf(InvalidLoadBalancerInfoException.class);
        assertThatThrownBy(() -> group("CodeDeployDefault.OneAtATime", r -> r.deploymentGroupName("x")
                .loadBalancerInfo(l -> l.targetGroupInfoList(t -> t.name("no-such-tg")))))
                .isInstanceOf(InvalidLoadBalancerInfoException.class);
        assertThatThrownBy(() -> group("NoSuchConfig", r -> r.deploymentGroupName("x")))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.getDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("nope")))
                .isInstanceOfSatisfying(DeploymentGroupDoesNotExistException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No Deployment Group found for name: nope"));
        assertThat(codeDeploy.listDeploymentGroups(r -> r.applicationName("web-app")).deploymentGroups()).containsExactly("web-dg");
    }

    @Test
    void predefinedDeploymentConfigsReportTheirMinimumHealthyHosts() {
        DeploymentConfigInfo one = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.OneAtATime"))
                .deploymentConfigInfo();
        DeploymentConfigInfo half = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.HalfAtATime"))
                .deploymentConfigInfo();
        DeploymentConfigInfo all = codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName("CodeDeployDefault.AllAtOnce"))
                .deploymentConfigInfo();

        assertThat(one.minimumHealthyHosts().typeAsString()).isEqualTo("MOST_CONCURRENCY");
        assertThat(one.minimumHealthyHosts().value()).isEqualTo(1);
        assertThat(one.deploymentConfigId()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(half.minimumHealthyHosts().typeAsString()).isEqualTo("FLEET_PERCENT");
        assertThat(half.minimumHealthyHosts().value()).isEqualTo(50);
        assertThat(all.minimumHealthyHosts().typeAsString()).isEqualTo("HOST_COUNT");
        assertThat(all.minimumHealthyHosts().value()).isZero();
        assertThat(all.computePlatformAsString()).isEqualTo("Server");
        codeDeploy.createDeploymentConfig(r -> r.deploymentConfigName("ThreeQuarters")
                .minimumHealthyHosts(m -> m.type("FLEET_PERCENT").value(75)));
        assertThat(codeDeploy.listDeploymentConfigs().deploymentConfigsList()).contains("CodeDeployDefault.OneAtATime", "ThreeQuarters");
        assertThatThrownBy(() -> codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName("Nope")))
                .isInstanceOf(DeploymentConfigDoesNotExistException.class);
    }

    @Test
    void registeredRevisionIsKeptWithItsDescriptionAndUse() {
        RevisionLocation revision = RevisionLocation.builder().revisionType("S3")
                .s3Location(l -> l.bucket("deploy-bundles").key("web/1.0.zip").bundleType("zip")).build();
        codeDeploy.registerApplicationRevision(r -> r.applicationName("web-app").revision(revision).description("build 1"));
        group("CodeDeployDefault.AllAtOnce", r -> { });
        runToEnd(deploy("web/1.0.zip"));

        var got = codeDeploy.getApplicationRevision(r -> r.applicationName("web-app").revision(revision));

        assertThat(got.revisionInfo().description()).isEqualTo("build 1");
        assertThat(got.revisionInfo().registerTime()).isEqualTo(T0);
        assertThat(got.revisionInfo().deploymentGroups()).containsExactly("web-dg");
        assertThat(got.revisionInfo().firstUsedTime()).isNotNull();
        assertThatThrownBy(() -> codeDeploy.getApplicationRevision(r -> r.applicationName("web-app")
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key("other.zip")))))
                .isInstanceOf(RevisionDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.registerApplicationRevision(r -> r.applicationName("web-app")
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles")))))
                .isInstanceOf(InvalidRevisionException.class);
    }

    @Test
    void deploymentMistakesGetTheModeledErrors() {
        group("CodeDeployDefault.OneAtATime", r -> { });

        assertThatThrownBy(() -> codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")))
                .isInstanceOf(RevisionRequiredException.class);
        assertThatThrownBy(() -> codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType("GitHub").gitHubLocation(g -> g.repository("org/web")))))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> codeDeploy.getDeployment(r -> r.deploymentId("d-NOSUCH000")))
                .isInstanceOfSatisfying(DeploymentDoesNotExistException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> codeDeploy.getDeployment(r -> r.deploymentId("not-a-deployment")))
                .isInstanceOf(InvalidDeploymentIdException.class);
        String id = deploy("web/1.0.zip");
        assertThatThrownBy(() -> codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)))
                .isInstanceOf(DeploymentNotStartedException.class);
        clock.advance(Duration.ofSeconds(2));
        List<String> ids = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds();
        assertThat(ids).hasSize(4);
        List<String> tooMany = IntStream.range(0, 26).mapToObj(i -> ids.get(0)).toList();
        assertThatThrownBy(() -> codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds(tooMany)))
                .isInstanceOf(DeploymentTargetListSizeExceededException.class);
        assertThatThrownBy(() -> codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds("i-00000000000000000")))
                .isInstanceOf(DeploymentTargetDoesNotExistException.class);
        assertThat(sim.calls().of("codedeploy", "CreateDeployment")).extracting(Call::outcome)
                .containsExactly("RevisionRequiredException", "InvalidRevisionException", "OK");
    }

    @Test
    void deploymentsAreListedNewestFirstAndReadInBatches() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String first = deploy("web/1.0.zip");
        runToEnd(first);
        String second = deploy("web/2.0.zip");

        assertThat(codeDeploy.listDeployments(r -> r.applicationName("web-app").deploymentGroupName("web-dg")).deployments())
                .containsExactly(second, first);
        assertThat(codeDeploy.listDeployments(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .includeOnlyStatusesWithStrings("Succeeded")).deployments()).containsExactly(first);
        assertThat(codeDeploy.batchGetDeployments(r -> r.deploymentIds(first, second, "d-NOSUCH000")).deploymentsInfo())
                .extracting(d -> d.deploymentId()).containsExactly(first, second);
    }

    @Test
    void githubStringAndAppSpecContentRevisionsDeployAndCarryMarkers() {
        group("CodeDeployDefault.AllAtOnce", r -> { });

        String github = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType("GitHub").gitHubLocation(g -> g.repository("org/web").commitId("sim-fail:Install"))))
                .deploymentId();
        runToEnd(github);
        String appSpec = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType("AppSpecContent").appSpecContent(a -> a.content(APPSPEC
                        + "# sim-takes:ValidateService=120\n")))).deploymentId();
        runToEnd(appSpec);
        String string = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")
                .revision(v -> v.revisionType("String").string(s -> s.content(APPSPEC)))).deploymentId();
        runToEnd(string);

        assertThat(info(github).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(targets(github)).allSatisfy(t -> assertThat(event(t, "Install").status()).isEqualTo(LifecycleEventStatus.FAILED));
        assertThat(info(appSpec).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(targets(appSpec)).allSatisfy(t -> assertThat(Duration.between(event(t, "ValidateService").startTime(),
                event(t, "ValidateService").endTime())).isEqualTo(Duration.ofSeconds(120)));
        assertThat(info(string).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void deploymentGroupOnEc2TagsDeploysToTheTaggedInstances() {
        codeDeploy.createDeploymentGroup(r -> r.applicationName("web-app").deploymentGroupName("by-tag")
                .serviceRoleArn("arn:aws:iam::123456789012:role/CodeDeployServiceRole")
                .ec2TagFilters(f -> f.key("aws:autoscaling:groupName").value("web").type("KEY_AND_VALUE")));
        String id = codeDeploy.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("by-tag")
                .revision(v -> v.revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key("web/1.0.zip").bundleType("zip"))))
                .deploymentId();

        runToEnd(id);

        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(targets(id)).hasSize(4).allSatisfy(t -> assertThat(t.lifecycleEvents()).hasSize(7));
    }

    @Test
    void sdkWaiterSeesTheDeploymentSucceedWhileTheClockRuns() throws Exception {
        group("CodeDeployDefault.HalfAtATime", r -> { });
        String id = deploy("web/1.0.zip");
        AtomicBoolean done = new AtomicBoolean();
        Thread ticker = new Thread(() -> {
            while (!done.get()) {
                clock.advance(Duration.ofSeconds(5));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ticker.start();
        try (CodeDeployWaiter waiter = CodeDeployWaiter.builder().client(codeDeploy).build()) {
            WaiterResponse<GetDeploymentResponse> response = waiter.waitUntilDeploymentSuccessful(r -> r.deploymentId(id),
                    o -> o.maxAttempts(10_000).backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(5)))
                            .waitTimeout(Duration.ofMinutes(2)));

            assertThat(response.matched().response()).hasValueSatisfying(
                    r -> assertThat(r.deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED));
        } finally {
            done.set(true);
            ticker.join();
        }
    }

    @Test
    void sdkWaiterFailsOnAFailedDeployment() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        bundle("web/bad.zip", "sim-fail:ValidateService");
        String id = deploy("web/bad.zip");
        runToEnd(id);

        try (CodeDeployWaiter waiter = CodeDeployWaiter.builder().client(codeDeploy).build()) {
            assertThatThrownBy(() -> waiter.waitUntilDeploymentSuccessful(r -> r.deploymentId(id)))
                    .isInstanceOf(SdkClientException.class).hasMessageContaining("failure state");
        }
    }

    @Test
    void throttlingIsThrottlingExceptionWith400AndRetriedByTheSdk() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String id = deploy("web/1.0.zip");
        sim.faults().throttleNext("GetDeployment", 3);

        assertThat(info(id).deploymentId()).isEqualTo(id);
        assertThat(sim.calls().of("codedeploy", "GetDeployment")).extracting(Call::outcome, Call::httpStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ThrottlingException", 400), org.assertj.core.groups.Tuple.tuple("ThrottlingException", 400),
                org.assertj.core.groups.Tuple.tuple("ThrottlingException", 400), org.assertj.core.groups.Tuple.tuple("OK", 200));
    }

    private com.fasterxml.jackson.databind.JsonNode rawCall(String operation, String body) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(sim.endpoint())
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/codedeploy/aws4_request, "
                                + "SignedHeaders=host, Signature=x")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "CodeDeploy_20141006." + operation)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("httpStatus", response.statusCode());
        return json;
    }

    /** The deprecated operations that SDK v2 dropped and the AWS CLI still calls, over the raw wire. */
    @Test
    void legacyDeploymentInstanceOperationsAnswerWithInstanceSummaries() throws Exception {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String id = deploy("web/1.0.zip");
        assertThat(rawCall("ListDeploymentInstances", "{\"deploymentId\":\"" + id + "\"}").get("__type").asText())
                .isEqualTo("DeploymentNotStartedException");
        runToEnd(id);

        var listed = rawCall("ListDeploymentInstances", "{\"deploymentId\":\"" + id + "\",\"instanceStatusFilter\":[\"Succeeded\"]}");
        assertThat(listed.get("instancesList")).hasSize(4);
        String first = listed.get("instancesList").get(0).asText();
        var batch = rawCall("BatchGetDeploymentInstances", "{\"deploymentId\":\"" + id + "\",\"instanceIds\":[\"" + first
                + "\",\"i-0000000000000dead\"]}");

        assertThat(batch.get("httpStatus").asInt()).isEqualTo(200);
        var summary = batch.get("instancesSummary").get(0);
        assertThat(summary.get("instanceId").asText()).isEqualTo(first);
        assertThat(summary.get("status").asText()).isEqualTo("Succeeded");
        assertThat(summary.get("lastUpdatedAt").isNumber()).isTrue();
        assertThat(summary.get("lifecycleEvents")).hasSize(13);
        assertThat(summary.get("lifecycleEvents").get(0).get("lifecycleEventName").asText()).isEqualTo("BeforeBlockTraffic");
        assertThat(batch.get("errorMessage").asText()).contains("i-0000000000000dead");
    }
}
