package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A session's role credentials: STS AssumeRole as the target's build, called again only
 * {@link BaseCredentialsCache#REFRESH_BEFORE_EXPIRY} before they expire, on the session's {@link Clock} (the SDK's
 * own provider reads the wall clock, which tests on virtual time cannot drive). One per session, and sessions are
 * per build, so no other build ever receives these credentials.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider {

    private final StsClient sts;
    private final AwsTarget target;
    private final Clock clock;
    private @CheckForNull AwsSessionCredentials current;

    AssumedRoleCredentials(StsClient sts, AwsTarget target, Clock clock) {
        this.sts = sts;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        AwsSessionCredentials cached = current;
        if (cached == null || !clock.instant().isBefore(BaseCredentialsCache.refreshAt(cached, clock.instant()))) {
            Credentials issued = sts.assumeRole(r -> {
                r.roleArn(target.roleArn()).roleSessionName(target.roleSessionName());
                if (target.externalId() != null) {
                    r.externalId(target.externalId());
                }
            }).credentials();
            cached = AwsSessionCredentials.builder()
                    .accessKeyId(issued.accessKeyId())
                    .secretAccessKey(issued.secretAccessKey())
                    .sessionToken(issued.sessionToken())
                    .expirationTime(issued.expiration())
                    .build();
            current = cached;
        }
        return cached;
    }

    @Override
    public String toString() {
        return "role " + target.roleArn() + " as " + target.roleSessionName();
    }
}
