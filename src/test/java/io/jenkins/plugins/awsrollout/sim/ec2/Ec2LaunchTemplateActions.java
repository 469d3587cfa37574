package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/** Launch templates and their versions, including SourceVersion merges and $Latest/$Default. */
public final class Ec2LaunchTemplateActions {
    private final Cloud cloud;
    /** ClientToken to (template id, version): the SDK fills a token per call and reuses it on retries. */
    private final Map<String, LaunchTemplate.Version> versionTokens = new HashMap<>();

    public Ec2LaunchTemplateActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private Ec2Region ec2(RequestContext context) {
        return cloud.region(context).ec2();
    }

    static software.amazon.awssdk.services.ec2.model.LaunchTemplate view(LaunchTemplate t) {
        return software.amazon.awssdk.services.ec2.model.LaunchTemplate.builder()
                .launchTemplateId(t.id)
                .launchTemplateName(t.name)
                .createTime(t.createTime)
                .createdBy(t.createdBy)
                .defaultVersionNumber(t.defaultVersion)
                .latestVersionNumber(t.latestVersion())
                .tags(Ec2Views.tags(t.tags))
                .build();
    }

    static LaunchTemplateVersion view(LaunchTemplate t, LaunchTemplate.Version v) {
        return LaunchTemplateVersion.builder()
                .launchTemplateId(t.id)
                .launchTemplateName(t.name)
                .versionNumber(v.number())
                .versionDescription(v.description())
                .createTime(v.createTime())
                .createdBy(t.createdBy)
                .defaultVersion(v.number() == t.defaultVersion)
                .launchTemplateData(v.data())
                .build();
    }

    public CreateLaunchTemplateResponse handle(CreateLaunchTemplateRequest r, RequestContext context) {
        ResponseLaunchTemplateData data = Pojos.convert(r.launchTemplateData(), ResponseLaunchTemplateData::builder);
        LaunchTemplate t = ec2(context).createLaunchTemplate(r.launchTemplateName(), r.versionDescription(), data,
                LaunchSpecs.tagsFor(r.tagSpecifications(), "launch-template"));
        return CreateLaunchTemplateResponse.builder().launchTemplate(view(t)).build();
    }

    public CreateLaunchTemplateVersionResponse handle(CreateLaunchTemplateVersionRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        LaunchTemplate t = ec2.launchTemplate(r.launchTemplateId(), r.launchTemplateName());
        LaunchTemplate.Version previous = r.clientToken() == null ? null : versionTokens.get(t.id + "/" + r.clientToken());
        if (previous != null) {
            return CreateLaunchTemplateVersionResponse.builder().launchTemplateVersion(view(t, previous)).build();
        }
        ResponseLaunchTemplateData data;
        if (r.sourceVersion() != null) {
            // As EC2 does: the new version starts as a copy of SourceVersion; members the request sets replace its own.
            ResponseLaunchTemplateData base = ec2.launchTemplateVersion(t, r.sourceVersion()).data();
            data = Pojos.overlay(base, r.launchTemplateData(), ResponseLaunchTemplateData::builder);
        } else {
            data = Pojos.convert(r.launchTemplateData(), ResponseLaunchTemplateData::builder);
        }
        LaunchTemplate.Version version = ec2.addLaunchTemplateVersion(t, r.versionDescription(), data);
        if (r.clientToken() != null) {
            versionTokens.put(t.id + "/" + r.clientToken(), version);
        }
        return CreateLaunchTemplateVersionResponse.builder().launchTemplateVersion(view(t, version)).build();
    }

    public ModifyLaunchTemplateResponse handle(ModifyLaunchTemplateRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        LaunchTemplate t = ec2.launchTemplate(r.launchTemplateId(), r.launchTemplateName());
        if (r.defaultVersion() != null) {
            long version = t.resolve(r.defaultVersion());
            if (version < 0) {
                throw SimError.client("InvalidLaunchTemplateId.VersionNotFound",
                        "Could not find launch template version " + r.defaultVersion() + " for launch template " + t.id + ".");
            }
            ec2.setDefaultVersion(t, version);
        }
        return ModifyLaunchTemplateResponse.builder().launchTemplate(view(t)).build();
    }

    public DeleteLaunchTemplateResponse handle(DeleteLaunchTemplateRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        LaunchTemplate t = ec2.launchTemplate(r.launchTemplateId(), r.launchTemplateName());
        ec2.launchTemplates().remove(t.id);
        return DeleteLaunchTemplateResponse.builder().launchTemplate(view(t)).build();
    }

    public DescribeLaunchTemplatesResponse handle(DescribeLaunchTemplatesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<LaunchTemplate> candidates = new ArrayList<>();
        if (Pojos.present(r.launchTemplateIds()) && !r.launchTemplateIds().isEmpty()) {
            r.launchTemplateIds().forEach(id -> candidates.add(ec2.launchTemplate(id, null)));
        } else if (Pojos.present(r.launchTemplateNames()) && !r.launchTemplateNames().isEmpty()) {
            r.launchTemplateNames().forEach(name -> candidates.add(ec2.launchTemplate(null, name)));
        } else {
            candidates.addAll(ec2.launchTemplates().values());
        }
        List<LaunchTemplate> selected = candidates.stream().filter(t -> Ec2Filters.matches(r.filters(), t.tags, name -> switch (name) {
            case "launch-template-name" -> List.of(t.name);
            case "launch-template-id" -> List.of(t.id);
            default -> null;
        })).toList();
        Paging<LaunchTemplate> page = Paging.page(selected, r.maxResults(), r.nextToken(), 200,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeLaunchTemplatesResponse.builder()
                .launchTemplates(page.items().stream().map(Ec2LaunchTemplateActions::view).toList())
                .nextToken(page.nextToken()).build();
    }

    public DescribeLaunchTemplateVersionsResponse handle(DescribeLaunchTemplateVersionsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        boolean named = r.launchTemplateId() != null || r.launchTemplateName() != null;
        Collection<LaunchTemplate> templates = named
                ? List.of(ec2.launchTemplate(r.launchTemplateId(), r.launchTemplateName()))
                : ec2.launchTemplates().values();
        boolean explicit = Pojos.present(r.versions()) && !r.versions().isEmpty();
        if (!named && !explicit) {
            throw SimError.client("MissingParameter", "The request must contain the parameter launchTemplateName or launchTemplateId");
        }
        List<LaunchTemplateVersion> selected = new ArrayList<>();
        for (LaunchTemplate t : templates) {
            List<LaunchTemplate.Version> versions = new ArrayList<>();
            if (explicit) {
                for (String v : r.versions()) {
                    if (!named && !v.equals("$Latest") && !v.equals("$Default")) {
                        throw SimError.client("InvalidParameterValue",
                                "Only $Latest and $Default may be given without a launch template id or name");
                    }
                    versions.add(ec2.launchTemplateVersion(t, v));
                }
            } else {
                long min = r.minVersion() == null ? 1 : t.resolve(r.minVersion());
                long max = r.maxVersion() == null ? t.latestVersion() : t.resolve(r.maxVersion());
                for (LaunchTemplate.Version v : t.versions.descendingMap().values()) {
                    if (v.number() >= min && v.number() <= max) {
                        versions.add(v);
                    }
                }
            }
            for (LaunchTemplate.Version v : versions) {
                ResponseLaunchTemplateData data = v.data();
                if (Ec2Filters.matches(r.filters(), Map.of(), name -> switch (name) {
                    case "is-default-version" -> List.of(Boolean.toString(v.number() == t.defaultVersion));
                    case "image-id" -> data.imageId() == null ? List.of() : List.of(data.imageId());
                    case "instance-type" -> data.instanceTypeAsString() == null ? List.of() : List.of(data.instanceTypeAsString());
                    case "iam-instance-profile" -> data.iamInstanceProfile() == null ? List.of()
                            : java.util.stream.Stream.of(data.iamInstanceProfile().arn(), data.iamInstanceProfile().name())
                                    .filter(java.util.Objects::nonNull).toList();
                    default -> null;
                })) {
                    selected.add(view(t, v));
                }
            }
        }
        Paging<LaunchTemplateVersion> page = Paging.page(selected, r.maxResults(), r.nextToken(), 200,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeLaunchTemplateVersionsResponse.builder().launchTemplateVersions(page.items())
                .nextToken(page.nextToken()).build();
    }
}
