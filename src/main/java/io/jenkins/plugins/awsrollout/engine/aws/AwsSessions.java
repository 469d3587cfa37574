package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The cache of {@link AwsSession}s: one per (target, base credentials, retry settings, proxy), sharing one HTTP
 * connection pool per proxy and one small pool of threads that time calls out. Sessions idle for {@link #IDLE} are
 * closed, so a controller that ran thousands of builds keeps only the clients that are in use.
 *
 * <p>Security: the target names its build ({@link AwsTarget#build()}) and the key holds a fingerprint of the
 * resolved base credentials, so a session, its clients and its cached role credentials belong to one build under
 * one identity. Two builds whose connection settings read the same (the same credentials id resolved in different
 * folders to different keys, job names that sanitise alike) never share a session, and a session's credentials are
 * never swapped.
 */
public final class AwsSessions implements AutoCloseable {

    static final Duration IDLE = Duration.ofMinutes(15);

    /**
     * Threads that time out SDK calls ({@code apiCallTimeout}, {@code apiCallAttemptTimeout}) for every client of every
     * session. Left to itself, each SDK client starts a scheduler of its own with up to five threads that never end, so
     * a controller with 200 rollouts in flight (200 builds, 200 sessions) would hold thousands of idle threads.
     */
    static final int TIMEOUT_THREADS = 2;

    private final Map<Key, AwsSession> sessions = new ConcurrentHashMap<>();
    private final Map<Optional<ProxySettings>, SdkHttpClient> httpClients = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timeouts = timeoutThreads();
    private final BaseCredentialsCache baseCredentials = new BaseCredentialsCache();
    private final Pacing pacing = new Pacing();
    private final Clock clock;

    /** Sessions on the wall clock (a controller). */
    public AwsSessions() {
        this(Clock.systemUTC());
    }

    /** Sessions whose cached credentials expire on {@code clock} (tests and benchmarks run on virtual time). */
    public AwsSessions(Clock clock) {
        this.clock = clock;
    }

    /** A session's key: the credentials appear only as a one-way fingerprint. */
    private record Key(AwsTarget target, String credentials, RetrySettings retry, Optional<ProxySettings> proxy) {}

    /**
     * The session of {@code target}'s build: its base credentials come from {@code lookup}, called only when the
     * credentials this build resolved for {@link AwsTarget#credentialsId()} are due for a refresh (shortly before
     * they expire; see {@link BaseCredentialsCache}). What a tick calls, every few seconds.
     */
    public AwsSession session(
            AwsTarget target, CredentialsLookup lookup, RetrySettings retry, @CheckForNull ProxySettings proxy)
            throws IOException {
        BaseCredentialsCache.Resolved base =
                baseCredentials.resolve(target.build(), target.credentialsId(), lookup, clock.instant());
        return session(target, base.credentials(), base.fingerprint(), retry, proxy);
    }

    /**
     * The session of {@code target}'s build under {@code baseCredentials}, resolved now: the same build with the same
     * credentials gets the same session (and its cached role credentials), anything else a session of its own.
     */
    public AwsSession session(
            AwsTarget target,
            AwsCredentialsProvider baseCredentials,
            RetrySettings retry,
            @CheckForNull ProxySettings proxy) {
        Objects.requireNonNull(baseCredentials, "baseCredentials");
        AwsCredentials resolved = Objects.requireNonNull(baseCredentials.resolveCredentials(), "resolved credentials");
        return session(target, resolved, CredentialsFingerprint.of(resolved), retry, proxy);
    }

    AwsSession session(
            AwsTarget target,
            AwsCredentials base,
            String fingerprint,
            RetrySettings retry,
            @CheckForNull ProxySettings proxy) {
        evictIdle();
        Key key = new Key(target, fingerprint, retry, Optional.ofNullable(proxy));
        AwsSession session = sessions.computeIfAbsent(
                key, k -> new AwsSession(this, target, retry, proxy, httpClient(k.proxy()), base));
        session.touch();
        return session;
    }

    /** How many sessions are open (for the benchmarks' controller-cost figures). */
    /**
     * Looks every build's base credentials up again at its next call instead of at its next refresh: a deleted or
     * rotated Jenkins credential then takes effect at once (tests use it to stand for the refresh coming due).
     */
    public void forgetCredentials() {
        baseCredentials.clear();
    }

    public int size() {
        return sessions.size();
    }

    /** How many builds' base credentials are cached. */
    public int cachedCredentials() {
        return baseCredentials.size();
    }

    Clock clock() {
        return clock;
    }

    /** The controller's pace for AWS writes, shared by every session (and so every build). */
    public Pacing pacing() {
        return pacing;
    }

    /** The timeout threads every client shares. */
    ScheduledExecutorService timeouts() {
        return timeouts;
    }

    @Override
    public void close() {
        sessions.values().forEach(AwsSession::close);
        sessions.clear();
        httpClients.values().forEach(SdkHttpClient::close);
        httpClients.clear();
        timeouts.shutdownNow();
    }

    private static ScheduledThreadPoolExecutor timeoutThreads() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(TIMEOUT_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "aws-rollout-sdk-timeouts-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Every call schedules its timeouts and cancels them when it returns: drop them then, not minutes later.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private void evictIdle() {
        sessions.entrySet().removeIf(entry -> {
            if (entry.getValue().idleLongerThan(IDLE)) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    private SdkHttpClient httpClient(Optional<ProxySettings> proxy) {
        return httpClients.computeIfAbsent(proxy, p -> {
            ApacheHttpClient.Builder builder = ApacheHttpClient.builder().maxConnections(64);
            p.ifPresent(settings -> builder.proxyConfiguration(proxyConfiguration(settings)));
            return builder.build();
        });
    }

    private static ProxyConfiguration proxyConfiguration(ProxySettings settings) {
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder()
                .endpoint(URI.create("http://" + settings.host() + ":" + settings.port()));
        if (settings.userName() != null) {
            proxy.username(settings.userName()).password(settings.password());
        }
        settings.nonProxyHosts().forEach(proxy::addNonProxyHost);
        return proxy.build();
    }
}
