package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeTagsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeTagsResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** Group tags: DescribeTags (filters auto-scaling-group, key, value, propagate-at-launch), CreateOrUpdateTags, DeleteTags. */
public final class AutoScalingTagActions {
    /** AWS's limit of tags per group. */
    static final int MAX_TAGS = 50;

    private final Cloud cloud;

    public AutoScalingTagActions(Cloud cloud) {
        this.cloud = cloud;
    }

    public DescribeTagsResponse handle(DescribeTagsRequest r, RequestContext context) {
        if (Pojos.present(r.filters())) {
            for (Filter f : r.filters()) {
                if (!List.of("auto-scaling-group", "key", "value", "propagate-at-launch").contains(f.name())) {
                    throw SimError.client("ValidationError", "Filter type " + f.name()
                            + " is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch");
                }
            }
        }
        List<TagDescription> all = new ArrayList<>();
        for (AutoScalingGroup g : cloud.region(context).autoScaling().groups().values()) {
            for (Map.Entry<String, String> tag : g.tags.entrySet()) {
                TagDescription d = TagDescription.builder().resourceId(g.name).resourceType("auto-scaling-group")
                        .key(tag.getKey()).value(tag.getValue()).propagateAtLaunch(g.propagatedTags.contains(tag.getKey())).build();
                if (!Pojos.present(r.filters()) || r.filters().stream().allMatch(f -> matches(d, f))) {
                    all.add(d);
                }
            }
        }
        int max = r.maxRecords() == null ? 50 : r.maxRecords();
        if (max < 1 || max > 100) {
            throw SimError.client("ValidationError", "1 validation error detected: Value '" + max
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        Paging<TagDescription> page = Paging.page(all, max, r.nextToken(), 50, SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    private static boolean matches(TagDescription d, Filter f) {
        List<String> values = Pojos.present(f.values()) ? f.values() : List.of();
        return switch (f.name()) {
            case "auto-scaling-group" -> values.contains(d.resourceId());
            case "key" -> values.contains(d.key());
            case "value" -> values.contains(d.value());
            case "propagate-at-launch" -> values.contains(String.valueOf(d.propagateAtLaunch()));
            default -> false;
        };
    }

    public CreateOrUpdateTagsResponse handle(CreateOrUpdateTagsRequest r, RequestContext context) {
        AutoScalingRegion asg = cloud.region(context).autoScaling();
        for (Tag t : r.tags()) {
            AutoScalingGroup g = target(asg, t);
            if (!g.tags.containsKey(t.key()) && g.tags.size() >= MAX_TAGS) {
                throw SimError.client("LimitExceeded", "The quota for tags per Auto Scaling group (" + MAX_TAGS + ") has been reached.");
            }
        }
        for (Tag t : r.tags()) {
            AutoScalingGroup g = target(asg, t);
            g.tags.put(t.key(), t.value() == null ? "" : t.value());
            // AWS's default for PropagateAtLaunch is false here (true only in CreateAutoScalingGroup's console)
            if (Boolean.TRUE.equals(t.propagateAtLaunch())) {
                g.propagatedTags.add(t.key());
            } else {
                g.propagatedTags.remove(t.key());
            }
        }
        return CreateOrUpdateTagsResponse.builder().build();
    }

    public DeleteTagsResponse handle(DeleteTagsRequest r, RequestContext context) {
        AutoScalingRegion asg = cloud.region(context).autoScaling();
        for (Tag t : r.tags()) {
            AutoScalingGroup g = target(asg, t);
            g.tags.remove(t.key());
            g.propagatedTags.remove(t.key());
        }
        return DeleteTagsResponse.builder().build();
    }

    private static AutoScalingGroup target(AutoScalingRegion asg, Tag t) {
        if (t.resourceType() != null && !"auto-scaling-group".equals(t.resourceType())) {
            throw SimError.client("ValidationError", "Invalid resource type: " + t.resourceType() + ". Valid value is auto-scaling-group.");
        }
        if (t.resourceId() == null || t.key() == null || t.key().isEmpty()) {
            throw SimError.client("ValidationError", "ResourceId and Key are required for each tag.");
        }
        return asg.group(t.resourceId());
    }
}
