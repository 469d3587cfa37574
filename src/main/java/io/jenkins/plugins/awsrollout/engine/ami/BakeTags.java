package io.jenkins.plugins.awsrollout.engine.ami;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags every bake adds, so that an AMI says where it came from and a later bake can find it: by bake key for
 * {@code skipIfUnchanged}, and as one of ours for retention (which never touches AMIs without a bake key).
 */
public final class BakeTags {

    public static final String SOURCE_AMI = "aws-rollout:source-ami";
    public static final String BAKE_KEY = "aws-rollout:bake-key";
    public static final String JOB = "aws-rollout:job";
    public static final String BUILD_URL = "aws-rollout:build-url";

    private BakeTags() {}

    /** The tags of the builder instance and the temporary security group: the user's run tags, then the build. */
    static Map<String, String> forBuilder(BakeRequest request, String amiName) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "aws-rollout bake of " + amiName);
        tags.putAll(request.runTags());
        tags.putAll(build(request));
        return tags;
    }

    /** The tags of an AMI (or, with {@code snapshotTags}, its snapshots): the user's tags, then the automatic ones. */
    static Map<String, String> forImage(BakeRequest request, Map<String, String> userTags, String sourceAmiId, String bakeKey) {
        Map<String, String> tags = new LinkedHashMap<>(userTags);
        tags.put(SOURCE_AMI, sourceAmiId);
        tags.put(BAKE_KEY, bakeKey);
        tags.putAll(build(request));
        return tags;
    }

    private static Map<String, String> build(BakeRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (!request.jobName().isEmpty()) {
            tags.put(JOB, truncate(request.jobName()));
        }
        if (!request.buildUrl().isEmpty()) {
            tags.put(BUILD_URL, truncate(request.buildUrl()));
        }
        return tags;
    }

    private static String truncate(String value) {
        return value.length() <= KeyValues.MAX_TAG_VALUE ? value : value.substring(0, KeyValues.MAX_TAG_VALUE);
    }
}
