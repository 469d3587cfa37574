package io.jenkins.plugins.awsrollout.sim;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds real SDK v2 clients pointed at a simulator: static credentials, a region, the
 * URL-connection HTTP client, and the SDK's own standard retry strategy with a 1 ms fixed backoff
 * (so throttling is retried by the SDK, as in production, without sleeping in real time).
 * Immutable; every {@code with*} returns a copy.
 */
public final class SimClients {
    /** The access key id test clients use unless told otherwise. */
    public static final String ACCESS_KEY_ID = "AKIASIMULATOR0000001";
    public static final String SECRET_ACCESS_KEY = "simulator-secret";

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            .socketTimeout(Duration.ofSeconds(30))
            .connectionTimeout(Duration.ofSeconds(5))
            .build();

    private final URI endpoint;
    private final String region;
    private final AwsCredentials credentials;
    private final int maxAttempts;

    private SimClients(URI endpoint, String region, AwsCredentials credentials, int maxAttempts) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.maxAttempts = maxAttempts;
    }

    /** Clients for the simulator's default region. */
    public static SimClients of(AwsSimulator sim) {
        return of(sim.endpoint(), sim.region());
    }

    public static SimClients of(URI endpoint, String region) {
        return new SimClients(endpoint, region, AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY), 4);
    }

    public SimClients withRegion(String value) {
        return new SimClients(endpoint, value, credentials, maxAttempts);
    }

    public SimClients withCredentials(String accessKeyId, String secretAccessKey) {
        return new SimClients(endpoint, region, AwsBasicCredentials.create(accessKeyId, secretAccessKey), maxAttempts);
    }

    /** Clients that sign with temporary credentials (e.g. from AssumeRole). */
    public SimClients withSessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new SimClients(endpoint, region, AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken), maxAttempts);
    }

    /** Attempts per call including the first (1 = no retries). */
    public SimClients withMaxAttempts(int value) {
        return new SimClients(endpoint, region, credentials, value);
    }

    /** The SDK's standard retry strategy with a 1 ms fixed backoff and no circuit breaker. */
    public RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(1)))
                .circuitBreakerEnabled(false)
                .build();
    }

    /** Configures any SDK client builder (CodeDeploy, S3, SSM, ...) for the simulator. */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(HTTP)
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy()))
                .build();
    }

    public Ec2Client ec2() {
        return build(Ec2Client.builder());
    }

    public AutoScalingClient autoScaling() {
        return build(AutoScalingClient.builder());
    }

    public ElasticLoadBalancingV2Client elbV2() {
        return build(ElasticLoadBalancingV2Client.builder());
    }

    public ElasticLoadBalancingClient elb() {
        return build(ElasticLoadBalancingClient.builder());
    }

    public StsClient sts() {
        return build(StsClient.builder());
    }

    public CodeDeployClient codeDeploy() {
        return build(CodeDeployClient.builder());
    }

    public CodePipelineClient codePipeline() {
        return build(CodePipelineClient.builder());
    }

    /** S3 by path ({@code http://127.0.0.1:PORT/bucket/key}), with the SDK's default checksums (aws-chunked uploads). */
    public S3Client s3() {
        return build(S3Client.builder().forcePathStyle(true));
    }

    public SsmClient ssm() {
        return build(SsmClient.builder());
    }

    public software.amazon.awssdk.services.cloudwatch.CloudWatchClient cloudWatch() {
        return build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder());
    }
}
