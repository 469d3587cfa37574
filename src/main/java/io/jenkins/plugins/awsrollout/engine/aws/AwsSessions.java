package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The cache of {@link AwsSession}s: one per (target, retry settings, proxy), sharing one HTTP connection pool per
 * proxy. Sessions idle for {@link #IDLE} are closed, so a controller that ran thousands of builds keeps only the
 * clients that are in use.
 */
public final class AwsSessions implements AutoCloseable {

    static final Duration IDLE = Duration.ofMinutes(15);

    private final Map<Key, AwsSession> sessions = new ConcurrentHashMap<>();
    private final Map<Optional<ProxySettings>, SdkHttpClient> httpClients = new ConcurrentHashMap<>();

    private record Key(AwsTarget target, RetrySettings retry, Optional<ProxySettings> proxy) {}

    /**
     * The session for {@code target}, whose base credentials become {@code baseCredentials} (resolved again by the
     * caller on each tick; never stored anywhere else).
     */
    public AwsSession session(
            AwsTarget target,
            AwsCredentialsProvider baseCredentials,
            RetrySettings retry,
            @CheckForNull ProxySettings proxy) {
        Objects.requireNonNull(baseCredentials, "baseCredentials");
        evictIdle();
        Key key = new Key(target, retry, Optional.ofNullable(proxy));
        AwsSession session = sessions.computeIfAbsent(
                key, k -> new AwsSession(this, target, retry, proxy, httpClient(k.proxy()), baseCredentials));
        session.useBaseCredentials(baseCredentials);
        return session;
    }

    /** How many sessions are open (for the benchmarks' controller-cost figures). */
    public int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.values().forEach(AwsSession::close);
        sessions.clear();
        httpClients.values().forEach(SdkHttpClient::close);
        httpClients.clear();
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
