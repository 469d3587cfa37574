package io.jenkins.plugins.awsrollout.engine.aws;

import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Who the credentials (and role) of a session are: what "Test connection" shows and what each operation logs when
 * it starts, so the build says which account it changed.
 *
 * @param account the 12-digit account id
 * @param arn the caller ARN (an assumed-role ARN names the session)
 */
public record CallerIdentity(String account, String arn) {

    public static CallerIdentity of(AwsSession session) {
        GetCallerIdentityResponse response = session.sts().getCallerIdentity();
        return new CallerIdentity(response.account(), response.arn());
    }
}
