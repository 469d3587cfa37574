package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.Serializable;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;

/**
 * The replacement instances of a blue/green deployment.
 *
 * @param autoScalingGroups Auto Scaling groups whose instances are the replacement
 * @param tagFilters EC2 tag filters (any one matching) selecting the replacement instances
 */
public record TargetInstances(List<String> autoScalingGroups, List<TagFilter> tagFilters) implements Serializable {

    public TargetInstances {
        autoScalingGroups = List.copyOf(autoScalingGroups);
        tagFilters = List.copyOf(tagFilters);
    }

    software.amazon.awssdk.services.codedeploy.model.TargetInstances toSdk() {
        var builder = software.amazon.awssdk.services.codedeploy.model.TargetInstances.builder();
        if (!autoScalingGroups.isEmpty()) {
            builder.autoScalingGroups(autoScalingGroups);
        }
        if (!tagFilters.isEmpty()) {
            builder.tagFilters(tagFilters.stream()
                    .map(f -> EC2TagFilter.builder().key(f.key()).value(f.value()).type(f.type()).build())
                    .toList());
        }
        return builder.build();
    }

    /**
     * One EC2 tag filter.
     *
     * @param key the tag key, or null for VALUE_ONLY
     * @param value the tag value, or null for KEY_ONLY
     * @param type {@code KEY_AND_VALUE}, {@code KEY_ONLY} or {@code VALUE_ONLY}
     */
    public record TagFilter(String key, String value, String type) implements Serializable {

        /** {@code Key=Value}, {@code Key} (any value) or {@code =Value} (any key); null when blank. */
        static TagFilter parse(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                return new TagFilter(text, null, "KEY_ONLY");
            }
            String key = text.substring(0, eq).trim();
            String value = text.substring(eq + 1).trim();
            if (key.isEmpty() && value.isEmpty()) {
                return null;
            }
            return key.isEmpty() ? new TagFilter(null, value, "VALUE_ONLY") : new TagFilter(key, value, "KEY_AND_VALUE");
        }
    }
}
