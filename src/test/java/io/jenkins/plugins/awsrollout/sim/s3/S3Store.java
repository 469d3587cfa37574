package io.jenkins.plugins.awsrollout.sim.s3;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every bucket of the simulated cloud. Bucket names are global, as in S3, so there is one store
 * (kept with the default region) whatever the region a request is signed for.
 */
public final class S3Store {
    private final Cloud cloud;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();

    private S3Store(Cloud cloud) {
        this.cloud = cloud;
    }

    /** The store of {@code cloud} (call under the world lock). */
    public static S3Store of(Cloud cloud) {
        return cloud.defaultRegion().extension(S3Store.class, r -> new S3Store(cloud));
    }

    public Map<String, Bucket> buckets() {
        return buckets;
    }

    /** A bucket, or null. */
    public Bucket find(String name) {
        return buckets.get(name);
    }

    /** A bucket, or S3's {@code NoSuchBucket}. */
    public Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw new SimError(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        return bucket;
    }

    /** Creates a bucket, or returns the existing one of that name. */
    public Bucket create(String name, String region, boolean versioned) {
        return buckets.computeIfAbsent(name, n -> new Bucket(n, region, cloud.now(), versioned));
    }

    /** Stores a new version of {@code key} (a version id when the bucket is versioned). */
    public S3Object put(Bucket bucket, String key, byte[] content, String contentType, String serverSideEncryption,
            String kmsKeyId, Map<String, String> metadata, Map<String, String> checksums) {
        return put(bucket, key, content, S3Object.eTagOf(content), contentType, serverSideEncryption, kmsKeyId, metadata, checksums);
    }

    /** Stores a new version with a given ETag (a multipart upload's). */
    S3Object put(Bucket bucket, String key, byte[] content, String eTag, String contentType, String serverSideEncryption,
            String kmsKeyId, Map<String, String> metadata, Map<String, String> checksums) {
        String versionId = bucket.versioned ? cloud.ids().upper("", 32) : null;
        S3Object object = new S3Object(key, versionId, content.clone(), eTag, cloud.now(),
                contentType == null ? "binary/octet-stream" : contentType,
                serverSideEncryption == null ? "AES256" : serverSideEncryption, kmsKeyId, Map.copyOf(metadata),
                Map.copyOf(checksums));
        bucket.put(object);
        return object;
    }

    /** Seeding and tests: stores text content. */
    public S3Object put(String bucketName, String key, String text) {
        return put(bucket(bucketName), key, text.getBytes(StandardCharsets.UTF_8), "application/octet-stream", null, null,
                Map.of(), Map.of());
    }
}
