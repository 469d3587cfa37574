package io.jenkins.plugins.awsrollout.sim.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.BucketNameFilterRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.InvalidSortByException;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/** GetDeploymentTarget, GetDeploymentInstance (deprecated, raw wire) and ListApplicationRevisions. */
class CodeDeployLookupsTest extends CodeDeployTestBase {

    @Test
    void oneTargetIsReadByIdAsTheBatchReadsIt() throws Exception {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        String id = deploy("web/1.0.zip");
        runToEnd(id);
        String first = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id)).targetIds().get(0);

        DeploymentTarget one = codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId(first)).deploymentTarget();
        DeploymentTarget batch = codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds(first)).deploymentTargets().get(0);
        assertThat(one).isEqualTo(batch);
        assertThat(one.instanceTarget().targetId()).isEqualTo(first);
        assertThatThrownBy(() -> codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId("i-0000000000000dead")))
                .isInstanceOf(DeploymentTargetDoesNotExistException.class).hasMessageContaining("i-0000000000000dead");

        JsonNode instance = rawCall("GetDeploymentInstance", "{\"deploymentId\":\"" + id + "\",\"instanceId\":\"" + first + "\"}");
        assertThat(instance.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(instance.get("instanceSummary").get("instanceId").asText()).isEqualTo(first);
        assertThat(instance.get("instanceSummary").get("status").asText()).isEqualTo("Succeeded");
        JsonNode missing = rawCall("GetDeploymentInstance", "{\"deploymentId\":\"" + id + "\",\"instanceId\":\"i-0000000000000dead\"}");
        assertThat(missing.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(missing.get("__type").asText()).isEqualTo("InstanceDoesNotExistException");
    }

    @Test
    void revisionsAreListedFilteredBySortedAndByDeployedState() {
        group("CodeDeployDefault.AllAtOnce", r -> { });
        codeDeploy.registerApplicationRevision(r -> r.applicationName("web-app").revision(revision("web/2.0.zip")));
        clock.advance(Duration.ofSeconds(5));
        runToEnd(deploy("web/1.0.zip"));

        assertThat(keys(codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app")).revisions()))
                .containsExactly("web/2.0.zip", "web/1.0.zip");
        assertThat(keys(codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").sortBy("registerTime")
                .sortOrder("descending")).revisions())).containsExactly("web/1.0.zip", "web/2.0.zip");
        assertThat(keys(codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").deployed("include")).revisions()))
                .containsExactly("web/1.0.zip");
        assertThat(keys(codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").deployed("exclude")).revisions()))
                .containsExactly("web/2.0.zip");
        assertThat(keys(codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").s3Bucket("deploy-bundles")
                .s3KeyPrefix("web/2")).revisions())).containsExactly("web/2.0.zip");
        assertThat(codeDeploy.listApplicationRevisionsPaginator(r -> r.applicationName("web-app")).revisions().stream().count())
                .isEqualTo(2);

        assertThatThrownBy(() -> codeDeploy.listApplicationRevisions(r -> r.applicationName("nope")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").s3KeyPrefix("web/")))
                .isInstanceOf(BucketNameFilterRequiredException.class);
        assertThatThrownBy(() -> codeDeploy.listApplicationRevisions(r -> r.applicationName("web-app").sortBy("size")))
                .isInstanceOf(InvalidSortByException.class);
    }

    private static RevisionLocation revision(String key) {
        return RevisionLocation.builder().revisionType("S3").s3Location(l -> l.bucket("deploy-bundles").key(key).bundleType("zip")).build();
    }

    private static List<String> keys(List<RevisionLocation> revisions) {
        return revisions.stream().map(r -> r.s3Location().key()).toList();
    }

    private JsonNode rawCall(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.endpoint())
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/codedeploy/aws4_request, "
                                + "SignedHeaders=host, Signature=0")
                        .header("X-Amz-Target", "CodeDeploy_20141006." + operation)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = new ObjectMapper().readTree(response.body());
        ((ObjectNode) json).put("httpStatus", response.statusCode());
        return json;
    }
}
