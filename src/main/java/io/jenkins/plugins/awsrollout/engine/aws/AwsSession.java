package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients for one {@link AwsTarget} of one build under one set of base credentials: built on first use,
 * then reused by every tick of that build's operations with the same target, and closed by {@link AwsSessions}
 * when idle.
 *
 * <p>Credentials: the base credentials (resolved from Jenkins, or the SDK default chain) are fixed for the life of
 * the session; never swapped, so no call can be signed with what another tick (or another build) handed in. Rotated
 * credentials make a new session. When a role is set, {@link AssumedRoleCredentials} on top of them caches the
 * temporary credentials and refreshes them before they expire, so an operation that runs for hours never fails on
 * expired credentials and a poll does not cost an AssumeRole.
 */
public final class AwsSession implements AutoCloseable {

    /** Keeps a stuck call from holding a tick (and a worker thread) for long. */
    static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(2);

    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final AwsSessions owner;
    private final AwsTarget target;
    private final RetrySettings retry;
    private final @CheckForNull ProxySettings proxy;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider baseCredentials;
    private final AwsCredentialsProvider credentials;
    private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile long lastUsedNanos = System.nanoTime();

    AwsSession(
            AwsSessions owner,
            AwsTarget target,
            RetrySettings retry,
            @CheckForNull ProxySettings proxy,
            SdkHttpClient http,
            AwsCredentials base) {
        this.owner = owner;
        this.target = target;
        this.retry = retry;
        this.proxy = proxy;
        this.http = http;
        this.baseCredentials = StaticCredentialsProvider.create(base);
        this.credentials = target.roleArn() == null ? baseCredentials : assumeRole();
    }

    public AwsTarget target() {
        return target;
    }

    public String region() {
        return target.region();
    }

    /** The session of the same build, with the same role and credentials, in another region. */
    public AwsSession inRegion(String otherRegion) {
        return otherRegion.equals(target.region())
                ? this
                : owner.session(target.inRegion(otherRegion), baseCredentials, retry, proxy);
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, () -> configure(Ec2Client.builder()).build());
    }

    public AutoScalingClient autoScaling() {
        return client(AutoScalingClient.class, () -> configure(AutoScalingClient.builder()).build());
    }

    public ElasticLoadBalancingV2Client elbV2() {
        return client(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder())
                .build());
    }

    /** Classic load balancers. */
    public ElasticLoadBalancingClient elb() {
        return client(ElasticLoadBalancingClient.class, () -> configure(ElasticLoadBalancingClient.builder())
                .build());
    }

    public CodeDeployClient codeDeploy() {
        return client(CodeDeployClient.class, () -> configure(CodeDeployClient.builder()).build());
    }

    public CodePipelineClient codePipeline() {
        return client(CodePipelineClient.class, () -> configure(CodePipelineClient.builder()).build());
    }

    public CloudFormationClient cloudFormation() {
        return client(CloudFormationClient.class, () -> configure(CloudFormationClient.builder()).build());
    }

    /** CloudWatch alarms (the rolling strategy's alarm checks). */
    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).build());
    }

    public S3Client s3() {
        return client(S3Client.class, () -> {
            var builder = configure(S3Client.builder());
            if (target.endpoint() != null) {
                // Endpoint overrides (the simulator, LocalStack) serve buckets by path, and only need checksums
                // where S3 requires them.
                builder.forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            }
            return builder.build();
        });
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> configure(SsmClient.builder()).build());
    }

    /** STS as the effective identity (after the role, if any). */
    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()).build());
    }

    /** This build's view of the controller's pace for {@code service} in this session's Region. */
    public Pacer pacer(PacedService service) {
        return new Pacer(service, owner.pacing().bucket(service, target.region(), owner.clock().instant()), owner.clock(), target);
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    boolean idleLongerThan(Duration idle) {
        return System.nanoTime() - lastUsedNanos > idle.toNanos();
    }

    @Override
    public void close() {
        for (SdkClient client : clients.values()) {
            client.close();
        }
        clients.clear();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing a credentials provider only releases its refresh thread; nothing to report.
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends SdkClient> T client(Class<T> type, Supplier<T> factory) {
        lastUsedNanos = System.nanoTime();
        return (T) clients.computeIfAbsent(type, t -> factory.get());
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, credentials);
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, AwsCredentialsProvider provider) {
        builder.region(Region.of(target.region()))
                .credentialsProvider(provider)
                .httpClient(http)
                .overrideConfiguration(overrideConfiguration());
        if (target.endpoint() != null) {
            builder.endpointOverride(target.endpoint());
        }
        return builder;
    }

    private ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(retry))
                .scheduledExecutorService(owner.timeouts())
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, UserAgent.suffix())
                .build();
    }

    static RetryStrategy retryStrategy(RetrySettings settings) {
        RetryStrategy base = settings.adaptive()
                ? AwsRetryStrategy.adaptiveRetryStrategy()
                : AwsRetryStrategy.standardRetryStrategy();
        RetryStrategy.Builder<?, ?> builder = base.toBuilder().maxAttempts(settings.maxAttempts());
        if (settings.fixedBackoff() != null) {
            BackoffStrategy fixed = BackoffStrategy.fixedDelayWithoutJitter(settings.fixedBackoff());
            builder = builder.backoffStrategy(fixed).throttlingBackoffStrategy(fixed);
        }
        return builder.build();
    }

    private AwsCredentialsProvider assumeRole() {
        StsClient sts = configure(StsClient.builder(), baseCredentials).build();
        clients.put(AssumeRoleClient.class, sts);
        return new AssumedRoleCredentials(sts, target, owner.clock());
    }

    /** Marks the STS client that assumes the role (under the base credentials) in the client map. */
    private interface AssumeRoleClient {}
}
