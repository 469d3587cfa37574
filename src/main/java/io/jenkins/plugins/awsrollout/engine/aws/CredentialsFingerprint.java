package io.jenkins.plugins.awsrollout.engine.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Who a set of resolved credentials is, as a cache key: a SHA-256 of the access key, the secret and the session
 * token. Two credentials entries with the same id in different folders resolve to different keys and so to different
 * fingerprints; the fingerprint itself reveals nothing and is never logged or saved.
 */
final class CredentialsFingerprint {

    private CredentialsFingerprint() {}

    static String of(AwsCredentials credentials) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, credentials.accessKeyId());
            update(digest, credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                update(digest, session.sessionToken());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
        // A separator that cannot occur in keys, so "ab"+"c" and "a"+"bc" differ.
        digest.update((byte) 0);
    }
}
