package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** CreateTags, DeleteTags, DescribeTags on any taggable EC2 resource. */
public final class Ec2TagActions {
    private final Cloud cloud;

    public Ec2TagActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private Tagged resource(Ec2Region ec2, String id) {
        Tagged resource = ec2.tagged(id);
        if (resource == null) {
            int dash = id == null ? -1 : id.indexOf('-');
            if (dash < 0) {
                throw SimError.client("InvalidID", "The ID '" + id + "' is not valid");
            }
            String kind = switch (id.substring(0, dash)) {
                case "i" -> "InvalidInstanceID.NotFound";
                case "ami" -> "InvalidAMIID.NotFound";
                case "snap" -> "InvalidSnapshot.NotFound";
                case "sg" -> "InvalidGroup.NotFound";
                case "lt" -> "InvalidLaunchTemplateId.NotFound";
                default -> "InvalidID";
            };
            throw SimError.client(kind, "The ID '" + id + "' does not exist");
        }
        return resource;
    }

    public CreateTagsResponse handle(CreateTagsRequest r, RequestContext context) {
        Ec2Region ec2 = cloud.region(context).ec2();
        List<Tagged> resources = r.resources().stream().map(id -> resource(ec2, id)).toList();
        for (Tagged resource : resources) {
            for (Tag tag : r.tags()) {
                resource.tags().put(tag.key(), tag.value() == null ? "" : tag.value());
            }
            if (resource instanceof Image image && r.tags().stream().anyMatch(t -> t.key().equals("sim:unhealthy"))) {
                // A world-file or CLI user can mark an AMI unhealthy with a tag, as Faults.unhealthyAmi does.
                boolean unhealthy = "true".equalsIgnoreCase(image.tags.get("sim:unhealthy"));
                image.unhealthy = unhealthy;
                for (Instance instance : ec2.instancesOfImage(image.id)) {
                    instance.imageUnhealthy = unhealthy;
                    cloud.instanceHealthChanged(instance);
                }
            }
        }
        return CreateTagsResponse.builder().build();
    }

    public DeleteTagsResponse handle(DeleteTagsRequest r, RequestContext context) {
        Ec2Region ec2 = cloud.region(context).ec2();
        List<Tagged> resources = r.resources().stream().map(id -> resource(ec2, id)).toList();
        for (Tagged resource : resources) {
            if (!Pojos.present(r.tags()) || r.tags().isEmpty()) {
                resource.tags().clear();
                continue;
            }
            for (Tag tag : r.tags()) {
                if (tag.value() == null || tag.value().equals(resource.tags().get(tag.key()))) {
                    resource.tags().remove(tag.key());
                }
            }
        }
        return DeleteTagsResponse.builder().build();
    }

    public DescribeTagsResponse handle(DescribeTagsRequest r, RequestContext context) {
        Ec2Region ec2 = cloud.region(context).ec2();
        List<TagDescription> all = new ArrayList<>();
        for (Tagged resource : ec2.allTagged()) {
            for (Map.Entry<String, String> tag : resource.tags().entrySet()) {
                boolean match = Ec2Filters.matches(r.filters(), Map.of(), name -> switch (name) {
                    case "resource-id" -> List.of(resource.id());
                    case "resource-type" -> List.of(resource.resourceType());
                    case "key" -> List.of(tag.getKey());
                    case "value" -> List.of(tag.getValue());
                    default -> null;
                });
                if (match) {
                    all.add(TagDescription.builder().resourceId(resource.id()).resourceType(resource.resourceType())
                            .key(tag.getKey()).value(tag.getValue()).build());
                }
            }
        }
        Paging<TagDescription> page = Paging.page(all, r.maxResults(), r.nextToken(), 1000,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeTagsResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }
}
