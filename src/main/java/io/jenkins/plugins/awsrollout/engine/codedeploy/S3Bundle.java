package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;

/**
 * A bundle in S3.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param bundleType {@code zip}, {@code tar}, {@code tgz}, {@code YAML} or {@code JSON}
 * @param version the object version, or null for the latest
 * @param eTag the object's ETag, or null to skip the check
 */
public record S3Bundle(String bucket, String key, String bundleType, @CheckForNull String version, @CheckForNull String eTag)
        implements Revision {

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + key + (version == null ? "" : " (version " + version + ")");
    }

    RevisionLocation toLocation() {
        return RevisionLocation.builder()
                .revisionType(RevisionLocationType.S3)
                .s3Location(l -> l.bucket(bucket).key(key).bundleType(bundleType).version(version).eTag(eTag))
                .build();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "S3");
        map.put("bucket", bucket);
        map.put("key", key);
        map.put("bundleType", bundleType);
        map.put("version", version);
        map.put("eTag", eTag);
        return map;
    }
}
