package io.jenkins.plugins.awsrollout.sim.sts;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.Identity;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Instant;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS: who am I, and AssumeRole. Temporary credentials expire on the simulator's clock; a call
 * signed with expired ones fails with the service's expired-token error.
 */
public final class StsActions {
    private final Cloud cloud;

    public StsActions(Cloud cloud) {
        this.cloud = cloud;
    }

    public GetCallerIdentityResponse handle(GetCallerIdentityRequest r, RequestContext context) {
        Identity identity = cloud.identity(context.accessKeyId());
        return GetCallerIdentityResponse.builder().account(identity.account()).arn(identity.arn()).userId(identity.userId()).build();
    }

    public AssumeRoleResponse handle(AssumeRoleRequest r, RequestContext context) {
        String[] arn = r.roleArn().split(":", 6);
        if (arn.length != 6 || !arn[0].equals("arn") || !arn[2].equals("iam") || !arn[5].startsWith("role/")) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.roleArn()
                    + "' at 'roleArn' failed to satisfy constraint: Member must be a role ARN");
        }
        int duration = r.durationSeconds() == null ? 3600 : r.durationSeconds();
        if (duration < 900 || duration > 43200) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }
        if (r.roleSessionName() == null || !r.roleSessionName().matches("[\\w+=,.@-]{2,64}")) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + r.roleSessionName()
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        String account = arn[4];
        String roleName = arn[5].substring(arn[5].lastIndexOf('/') + 1);
        String roleId = cloud.ids().upper("AROA", 17);
        String accessKeyId = cloud.ids().upper("ASIA", 16);
        Instant expiration = cloud.now().plusSeconds(duration);
        String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + r.roleSessionName();
        cloud.addIdentity(new Identity(accessKeyId, account, assumedArn, roleId + ":" + r.roleSessionName(), expiration, r.roleArn(),
                r.externalId()));
        return AssumeRoleResponse.builder()
                .credentials(Credentials.builder()
                        .accessKeyId(accessKeyId)
                        .secretAccessKey(cloud.ids().hex("", 40))
                        .sessionToken("FwoGZXIvYXdzE" + cloud.ids().hex("", 64))
                        .expiration(expiration)
                        .build())
                .assumedRoleUser(AssumedRoleUser.builder().assumedRoleId(roleId + ":" + r.roleSessionName()).arn(assumedArn).build())
                .packedPolicySize(0)
                .build();
    }
}
