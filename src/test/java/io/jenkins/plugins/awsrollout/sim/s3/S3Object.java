package io.jenkins.plugins.awsrollout.sim.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One version of an object.
 *
 * @param key the object key
 * @param versionId the version id, or null in a bucket that was never versioned
 * @param content the bytes
 * @param eTag the quoted MD5 hex of the content, as S3 returns it for a single-part upload
 * @param lastModified simulated time of the upload
 * @param contentType the Content-Type sent with the upload
 * @param serverSideEncryption {@code x-amz-server-side-encryption} as sent (S3 also defaults to AES256)
 * @param kmsKeyId {@code x-amz-server-side-encryption-aws-kms-key-id}, or null
 * @param metadata user metadata ({@code x-amz-meta-*}, names lower-cased, without the prefix)
 * @param checksums additional checksums the client sent, by header name ({@code x-amz-checksum-crc32})
 */
public record S3Object(
        String key,
        String versionId,
        byte[] content,
        String eTag,
        Instant lastModified,
        String contentType,
        String serverSideEncryption,
        String kmsKeyId,
        Map<String, String> metadata,
        Map<String, String> checksums) {

    /** The quoted MD5 hex of {@code content}, e.g. {@code "d41d8cd98f00b204e9800998ecf8427e"}. */
    public static String eTagOf(byte[] content) {
        try {
            return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content as text (ISO-8859-1, so that any byte sequence, a zip included, can be searched for markers). */
    public String text() {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    /** The ETag without quotes, as CodeDeploy's {@code s3Location.eTag} usually carries it. */
    public String bareETag() {
        return eTag.replace("\"", "");
    }
}
