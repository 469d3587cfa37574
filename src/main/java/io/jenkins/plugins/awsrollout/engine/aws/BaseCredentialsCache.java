package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The base credentials of each build, per credentials id, resolved once and kept until shortly before they expire.
 *
 * <p>Resolving is not free: an aws-credentials entry with an IAM role calls STS AssumeRole on every resolve, and the
 * default chain asks the instance metadata service. A step polls every few seconds for hours, so each tick resolving
 * again cost hundreds of AssumeRole calls an hour. Now a build resolves when its credentials are about to expire,
 * or, for credentials that do not say when they expire, every {@link #REFRESH_LONG_TERM} (keys) or
 * {@link #REFRESH_TEMPORARY} (session credentials, as short as STS allows): a rotated Jenkins credential takes
 * effect at that refresh.
 *
 * <p>Entries are per build: two builds never share what one of them resolved, even under the same credentials id.
 * Entries of builds that stopped asking are dropped once they are due and {@link AwsSessions#IDLE} has passed.
 */
final class BaseCredentialsCache {

    /** Refresh this long before credentials expire, so no call is signed with credentials about to lapse. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** Long-term keys never expire; look them up again this often so that rotation takes effect. */
    static final Duration REFRESH_LONG_TERM = Duration.ofMinutes(5);

    /** Session credentials that do not say when they expire: STS's shortest lifetime (15 min) minus the margin. */
    static final Duration REFRESH_TEMPORARY = Duration.ofMinutes(10);

    /** Resolved credentials, their fingerprint (the session key) and when to resolve again. */
    record Resolved(AwsCredentials credentials, String fingerprint, Instant refreshAt) {}

    private record Key(String build, String credentialsId) {}

    /** One per key: resolving holds its lock, so parallel ticks of one build resolve (and assume a role) once. */
    private static final class Slot {
        private @CheckForNull Resolved resolved;
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

    Resolved resolve(String build, @CheckForNull String credentialsId, CredentialsLookup lookup, Instant now)
            throws IOException {
        evictStale(now);
        Slot slot = slots.computeIfAbsent(new Key(build, credentialsId == null ? "" : credentialsId), k -> new Slot());
        synchronized (slot) {
            Resolved current = slot.resolved;
            if (current == null || !now.isBefore(current.refreshAt())) {
                AwsCredentials credentials = Objects.requireNonNull(lookup.find().resolveCredentials(), "resolved credentials");
                current = new Resolved(credentials, CredentialsFingerprint.of(credentials), refreshAt(credentials, now));
                slot.resolved = current;
            }
            return current;
        }
    }

    int size() {
        return slots.size();
    }

    /** Forgets every resolved credential: each build looks its credentials up again at its next call. */
    void clear() {
        slots.clear();
    }

    static Instant refreshAt(AwsCredentials credentials, Instant now) {
        return credentials.expirationTime()
                .map(expiry -> later(now, expiry.minus(REFRESH_BEFORE_EXPIRY)))
                .orElseGet(() -> now.plus(credentials instanceof AwsSessionCredentials ? REFRESH_TEMPORARY : REFRESH_LONG_TERM));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void evictStale(Instant now) {
        Instant stale = now.minus(AwsSessions.IDLE);
        slots.values().removeIf(slot -> {
            synchronized (slot) {
                return slot.resolved != null && slot.resolved.refreshAt().isBefore(stale);
            }
        });
    }
}
