package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** ELBv2 tags of target groups and load balancers: DescribeTags (at most 20 ARNs), AddTags, RemoveTags. */
public final class ElbV2TagActions {
    /** AWS's limit of tags per resource. */
    static final int MAX_TAGS = 50;

    private final Cloud cloud;

    public ElbV2TagActions(Cloud cloud) {
        this.cloud = cloud;
    }

    /** The tags of the resource an ARN names; the error names the kind of resource, as AWS's does. */
    static Map<String, String> tags(ElbRegion elb, String arn) {
        if (arn.contains(":targetgroup/")) {
            return elb.targetGroup(arn).tags;
        }
        if (arn.contains(":loadbalancer/")) {
            return elb.loadBalancer(arn).tags;
        }
        throw SimError.client("ValidationError", "'" + arn + "' is not a valid load balancer or target group ARN");
    }

    public DescribeTagsResponse handle(DescribeTagsRequest r, RequestContext context) {
        if (r.resourceArns().size() > 20) {
            throw SimError.client("ValidationError", "1 validation error detected: Value at 'resourceArns' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 20");
        }
        ElbRegion elb = cloud.region(context).elb();
        List<TagDescription> descriptions = new ArrayList<>();
        for (String arn : r.resourceArns()) {
            descriptions.add(TagDescription.builder().resourceArn(arn).tags(tags(elb, arn).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build());
        }
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }

    public AddTagsResponse handle(AddTagsRequest r, RequestContext context) {
        ElbRegion elb = cloud.region(context).elb();
        Set<String> keys = new HashSet<>();
        for (Tag t : r.tags()) {
            if (!keys.add(t.key())) {
                throw SimError.client("DuplicateTagKeys", "Tag key '" + t.key() + "' is duplicated");
            }
        }
        for (String arn : r.resourceArns()) {
            Map<String, String> tags = tags(elb, arn);
            long added = r.tags().stream().filter(t -> !tags.containsKey(t.key())).count();
            if (tags.size() + added > MAX_TAGS) {
                throw SimError.client("TooManyTags", "The quota for the number of tags that can be assigned to a resource (" + MAX_TAGS
                        + ") has been reached");
            }
        }
        for (String arn : r.resourceArns()) {
            Map<String, String> tags = tags(elb, arn);
            r.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        }
        return AddTagsResponse.builder().build();
    }

    public RemoveTagsResponse handle(RemoveTagsRequest r, RequestContext context) {
        ElbRegion elb = cloud.region(context).elb();
        for (String arn : r.resourceArns()) {
            tags(elb, arn);
        }
        for (String arn : r.resourceArns()) {
            r.tagKeys().forEach(tags(elb, arn)::remove);
        }
        return RemoveTagsResponse.builder().build();
    }
}
