package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;

/**
 * One line of a change set: what happens to a resource.
 *
 * @param action Add, Modify, Remove, Import or Dynamic
 * @param logicalId the resource's logical id
 * @param resourceType its type
 * @param replacement True, False or Conditional for a Modify; null otherwise
 * @param details what changes: property names, with {@code (replaces)} or {@code (may replace)} where it recreates
 */
public record StackChange(String action, String logicalId, String resourceType, @CheckForNull String replacement,
        List<String> details) implements Serializable {

    public StackChange {
        details = List.copyOf(details);
    }

    static StackChange of(ResourceChange change) {
        List<String> details = new ArrayList<>();
        for (ResourceChangeDetail detail : change.details()) {
            if (detail.target() == null || detail.target().name() == null) {
                continue;
            }
            String recreation = detail.target().requiresRecreationAsString();
            String text = detail.target().name() + ("Always".equals(recreation) ? " (replaces)"
                    : "Conditionally".equals(recreation) ? " (may replace)" : "");
            if (!details.contains(text)) {
                details.add(text);
            }
        }
        return new StackChange(change.actionAsString(), change.logicalResourceId(), change.resourceType(),
                change.replacementAsString(), details);
    }

    /** Whether the resource is removed, or replaced (surely or possibly). */
    public boolean destroys() {
        return "Remove".equals(action) || "True".equals(replacement) || "Conditional".equals(replacement);
    }

    /** {@code Modify WebGroup (AWS::AutoScaling::AutoScalingGroup), replacement False: MaxSize}. */
    public String line() {
        return action + " " + logicalId + " (" + resourceType + ")" + (replacement == null ? "" : ", replacement " + replacement)
                + (details.isEmpty() ? "" : ": " + String.join(", ", details));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action);
        map.put("logicalId", logicalId);
        map.put("resourceType", resourceType);
        map.put("replacement", replacement == null ? "" : replacement);
        map.put("details", new ArrayList<>(details));
        return map;
    }
}
