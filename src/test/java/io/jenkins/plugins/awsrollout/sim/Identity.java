package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;

/**
 * Who a set of credentials is: a long-term user, or a role session from AssumeRole.
 *
 * @param accessKeyId the access key id
 * @param account the account id
 * @param arn the caller ARN GetCallerIdentity returns
 * @param userId the user id GetCallerIdentity returns
 * @param expiration when temporary credentials expire (null for long-term keys)
 * @param roleArn the assumed role (null for long-term keys)
 * @param externalId the ExternalId given to AssumeRole (null when none)
 */
public record Identity(String accessKeyId, String account, String arn, String userId, Instant expiration,
        String roleArn, String externalId) {

    public boolean expiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }
}
