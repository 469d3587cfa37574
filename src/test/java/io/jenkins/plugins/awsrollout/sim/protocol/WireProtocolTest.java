package io.jenkins.plugins.awsrollout.sim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.SimClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentResponse;

/**
 * The protocol layer on its own: a JSON 1.1 service and a raw handler registered the way later
 * services (CodeDeploy, S3, SSM) will be, plus the envelopes every protocol uses for errors.
 */
class WireProtocolTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T12:00:00.123Z");

    private final List<String> outcomes = new ArrayList<>();
    private SimHttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A CodeDeploy stand-in: enough to prove JSON requests, results, timestamps and errors. */
    public static final class Deployments {
        public GetDeploymentResponse handle(GetDeploymentRequest r, RequestContext context) {
            return GetDeploymentResponse.builder().deploymentInfo(DeploymentInfo.builder().deploymentId(r.deploymentId())
                    .status("InProgress").createTime(CREATED).deploymentOverview(o -> o.succeeded(2L).pending(1L)).build()).build();
        }

        public CreateDeploymentResponse handle(CreateDeploymentRequest r, RequestContext context) {
            throw SimError.client("DeploymentLimitExceededException", "The deployment d-AAAAAAAAA is already in progress for "
                    + r.applicationName() + " / " + r.deploymentGroupName());
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new SimHttpServer(new CallHost() {
            @Override
            public <T> T run(RequestContext context, ServiceErrors errors, Supplier<T> work) {
                return work.get();
            }

            @Override
            public void record(RequestContext context, String outcome, int httpStatus) {
                synchronized (outcomes) {
                    outcomes.add(context.service() + " " + context.action() + " " + outcome + " " + context.region());
                }
            }
        });
        server.register(SimService.json("codedeploy", new JsonWire("CodeDeploy_20141006"), new Deployments()));
        server.register(SimService.form("ec2", "2016-11-15", new Ec2Wire("2016-11-15")));
        server.register(SimService.form("autoscaling", "2011-01-01", new QueryWire("http://autoscaling.amazonaws.com/doc/2011-01-01/")));
        server.register(new RawHandler() {
            @Override
            public String service() {
                return "s3";
            }

            @Override
            public boolean accepts(RawRequest request) {
                return request.method().equals("PUT") || request.method().equals("GET");
            }

            @Override
            public String action(RawRequest request) {
                return request.method().equals("PUT") ? "PutObject" : "GetObject";
            }

            @Override
            public RawResponse handle(RawRequest request, RequestContext context) {
                return new RawResponse(200, Map.of("ETag", "\"" + request.body().length + "\""),
                        ("stored " + request.path()).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public RawResponse error(SimError error, String requestId) {
                return new RawResponse(error.status(), Map.of(), error.code().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public ServiceErrors errors() {
                return new ServiceErrors(new SimError(503, "SlowDown", "Please reduce your request rate."),
                        new SimError(500, "InternalError", "We encountered an internal error."),
                        SimError.client("ExpiredToken", "The provided token has expired."));
            }
        });
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CodeDeployClient codeDeploy() {
        return SimClients.of(server.endpoint(), "eu-west-1").withMaxAttempts(1).build(CodeDeployClient.builder());
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Map<String, String> SIGNED_FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
            "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x");

    @Test
    void jsonServiceAnswersWithEpochTimestampsAndTheRegionOfTheCredentialScope() {
        try (CodeDeployClient client = codeDeploy()) {
            DeploymentInfo info = client.getDeployment(r -> r.deploymentId("d-ABCDEFGHI")).deploymentInfo();

            assertThat(info.deploymentId()).isEqualTo("d-ABCDEFGHI");
            assertThat(info.createTime()).isEqualTo(CREATED);
            assertThat(info.deploymentOverview().succeeded()).isEqualTo(2L);
        }
        assertThat(outcomes).containsExactly("codedeploy GetDeployment OK eu-west-1");
    }

    @Test
    void jsonErrorsMapToTheModelledExceptionClass() {
        try (CodeDeployClient client = codeDeploy()) {
            assertThatThrownBy(() -> client.createDeployment(r -> r.applicationName("web-app").deploymentGroupName("web-dg")))
                    .isInstanceOf(DeploymentLimitExceededException.class).hasMessageContaining("already in progress for web-app / web-dg");
        }
    }

    @Test
    void unknownOperationsAnswerEachProtocolsOwnError() throws Exception {
        HttpResponse<String> ec2 = post("Action=Nope&Version=2016-11-15", SIGNED_FORM);
        HttpResponse<String> query = post("Action=Nope&Version=2011-01-01", SIGNED_FORM);
        HttpResponse<String> json = post("{}", Map.of("X-Amz-Target", "CodeDeploy_20141006.Nope",
                "Content-Type", "application/x-amz-json-1.1", "Authorization", SIGNED_FORM.get("Authorization")));

        assertThat(ec2.statusCode()).isEqualTo(400);
        assertThat(ec2.body()).contains("<Response><Errors><Error><Code>InvalidAction</Code>").contains("<RequestID>");
        assertThat(query.body()).contains("<ErrorResponse").contains("<Type>Sender</Type><Code>InvalidAction</Code>");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("\"__type\":\"UnknownOperationException\"");
        assertThat(json.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void requestsWithoutAuthorizationAreRefused() throws Exception {
        HttpResponse<String> response = post("Action=DescribeInstances&Version=2016-11-15",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void responsesCarryTheRealDate() throws Exception {
        HttpResponse<String> response = post("Action=Nope&Version=2016-11-15", SIGNED_FORM);

        Instant date = ZonedDateTime.parse(response.headers().firstValue("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        assertThat(Duration.between(date, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void pathStyleRequestsGoToTheRawHandler() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/artifacts/web/1.2.3.zip"))
                .PUT(HttpRequest.BodyPublishers.ofString("zipbytes"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, Signature=x")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("stored /artifacts/web/1.2.3.zip");
        assertThat(response.headers().firstValue("ETag")).contains("\"8\"");
        assertThat(outcomes).containsExactly("s3 PutObject OK us-east-1");
    }
}
