package io.jenkins.plugins.awsrollout.engine.aws;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's pace for AWS writes: one {@link TokenBucket} per paced API and Region, shared by every build and
 * every step (held by {@link AwsSessions}, of which a controller has one). AWS throttles per account and Region; the
 * controller does not know the account of every credential before calling, so builds in several accounts share a
 * bucket too, which errs on the calm side.
 */
public final class Pacing {

    private record Key(PacedService service, String region) {}

    private final Map<Key, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile ApiRates rates = ApiRates.DEFAULTS;

    /** The rates of the global configuration, read again at every tick; a change applies to the buckets at once. */
    public void configure(ApiRates rates) {
        if (!rates.equals(this.rates)) {
            this.rates = rates;
            buckets.forEach((key, bucket) -> bucket.configure(rates.perSecond(key.service())));
        }
    }

    public ApiRates rates() {
        return rates;
    }

    /** The bucket of {@code service} in {@code region}, full when first asked for. */
    public TokenBucket bucket(PacedService service, String region, Instant now) {
        return buckets.computeIfAbsent(new Key(service, region), key -> new TokenBucket(rates.perSecond(service), now));
    }
}
