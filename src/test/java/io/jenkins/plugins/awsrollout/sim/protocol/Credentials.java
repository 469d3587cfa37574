package io.jenkins.plugins.awsrollout.sim.protocol;

/**
 * The credential scope of a SigV4-signed request. Signatures are not verified: the simulator
 * only needs to know who claims to call and in which region.
 *
 * @param accessKeyId the access key id
 * @param region the region of the credential scope
 * @param signingName the service name of the credential scope
 */
public record Credentials(String accessKeyId, String region, String signingName) {

    /**
     * Reads {@code Credential=AKID/date/region/service/aws4_request} from an {@code Authorization}
     * header or an {@code X-Amz-Credential} query value; null when absent or malformed.
     */
    static Credentials parse(String authorization, String queryCredential) {
        String scope = null;
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                scope = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end).trim();
            }
        } else if (queryCredential != null) {
            scope = queryCredential;
        }
        if (scope == null) {
            return null;
        }
        String[] parts = scope.split("/");
        if (parts.length < 4 || parts[0].isEmpty()) {
            return null;
        }
        return new Credentials(parts[0], parts[2], parts[3]);
    }
}
