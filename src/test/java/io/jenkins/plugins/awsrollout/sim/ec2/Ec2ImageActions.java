package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyImageResponse;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotReturnCode;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.DisableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationRequest;
import software.amazon.awssdk.services.ec2.model.EnableImageDeprecationResponse;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyImageAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;

/** AMIs and snapshots: create, copy across regions, describe, share, deprecate, delete. */
public final class Ec2ImageActions {
    private final Cloud cloud;

    public Ec2ImageActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private Ec2Region ec2(RequestContext context) {
        return cloud.region(context).ec2();
    }

    public CreateImageResponse handle(CreateImageRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        Instance instance = ec2.instance(r.instanceId());
        Image image = ec2.createImage(instance, r.name(), r.description(), Boolean.TRUE.equals(r.noReboot()),
                LaunchSpecs.tagsFor(r.tagSpecifications(), "image"), LaunchSpecs.tagsFor(r.tagSpecifications(), "snapshot"));
        return CreateImageResponse.builder().imageId(image.id).build();
    }

    public CopyImageResponse handle(CopyImageRequest r, RequestContext context) {
        Ec2Region target = ec2(context);
        Ec2Region source = cloud.region(r.sourceRegion()).ec2();
        Image image = target.copyImage(source.image(r.sourceImageId()), r.name(), r.description(),
                Boolean.TRUE.equals(r.copyImageTags()), LaunchSpecs.tagsFor(r.tagSpecifications(), "image"), r.clientToken(),
                Boolean.TRUE.equals(r.encrypted()), r.kmsKeyId());
        return CopyImageResponse.builder().imageId(image.id).build();
    }

    public DescribeImagesResponse handle(DescribeImagesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        String account = cloud.identity(context.accessKeyId()).account();
        boolean byId = Pojos.present(r.imageIds()) && !r.imageIds().isEmpty();
        Collection<Image> candidates = byId ? r.imageIds().stream().map(ec2::image).toList() : ec2.images().values();
        boolean includeDeprecated = Boolean.TRUE.equals(r.includeDeprecated()) || byId;
        Instant now = cloud.now();
        List<Image> selected = new ArrayList<>();
        for (Image image : candidates) {
            if (Pojos.present(r.owners()) && !r.owners().isEmpty() && r.owners().stream().noneMatch(o -> ownedBy(image, o, account))) {
                continue;
            }
            if (Pojos.present(r.executableUsers()) && !r.executableUsers().isEmpty()
                    && r.executableUsers().stream().noneMatch(u -> executableBy(image, u, account))) {
                continue;
            }
            if (!byId && !executableBy(image, "self", account)) {
                continue;
            }
            // Deprecated images are hidden unless asked for; their owner always sees them.
            if (image.deprecatedAt(now) && !includeDeprecated && !image.ownerId.equals(account)) {
                continue;
            }
            if (Ec2Filters.matches(r.filters(), image.tags, name -> switch (name) {
                case "name" -> List.of(image.name == null ? "" : image.name);
                case "state" -> List.of(image.state);
                case "image-id" -> List.of(image.id);
                case "owner-id" -> List.of(image.ownerId);
                case "owner-alias" -> image.ownerAlias == null ? List.of() : List.of(image.ownerAlias);
                case "is-public" -> List.of(Boolean.toString(image.isPublic));
                case "architecture" -> List.of(image.architecture);
                case "description" -> image.description == null ? List.of() : List.of(image.description);
                case "image-type" -> List.of("machine");
                case "root-device-type" -> List.of("ebs");
                case "virtualization-type" -> List.of("hvm");
                case "block-device-mapping.snapshot-id" -> image.snapshotIds();
                default -> null;
            })) {
                selected.add(image);
            }
        }
        Paging<Image> page = Paging.page(selected, r.maxResults(), r.nextToken(), 1000,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeImagesResponse.builder()
                .images(page.items().stream().map(i -> Ec2Views.image(i, now, ec2.snapshots())).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static boolean ownedBy(Image image, String owner, String account) {
        return switch (owner) {
            case "self" -> image.ownerId.equals(account);
            case "amazon", "aws-marketplace" -> owner.equals(image.ownerAlias);
            default -> image.ownerId.equals(owner);
        };
    }

    private static boolean executableBy(Image image, String user, String account) {
        String who = user.equals("self") ? account : user;
        return image.isPublic || image.ownerId.equals(who) || image.launchPermissionUsers.contains(who) || user.equals("all") && image.isPublic;
    }

    public DeregisterImageResponse handle(DeregisterImageRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        Image image = ec2.image(r.imageId());
        List<String> deleted = ec2.deregisterImage(image, Boolean.TRUE.equals(r.deleteAssociatedSnapshots()));
        return DeregisterImageResponse.builder()
                .returnValue(true)
                .deleteSnapshotResults(deleted.stream().map(id -> DeleteSnapshotReturnCode.builder().snapshotId(id)
                        .returnCode("success").build()).toList())
                .build();
    }

    public ModifyImageAttributeResponse handle(ModifyImageAttributeRequest r, RequestContext context) {
        Image image = ec2(context).image(r.imageId());
        if (r.launchPermission() != null) {
            if (Pojos.present(r.launchPermission().add())) {
                for (LaunchPermission p : r.launchPermission().add()) {
                    if ("all".equals(p.groupAsString())) {
                        image.isPublic = true;
                    } else if (p.userId() != null) {
                        image.launchPermissionUsers.add(p.userId());
                    }
                }
            }
            if (Pojos.present(r.launchPermission().remove())) {
                for (LaunchPermission p : r.launchPermission().remove()) {
                    if ("all".equals(p.groupAsString())) {
                        image.isPublic = false;
                    } else if (p.userId() != null) {
                        image.launchPermissionUsers.remove(p.userId());
                    }
                }
            }
        }
        // The legacy form: Attribute=launchPermission&OperationType=add&UserId.N=...&UserGroup.N=all
        if (Pojos.present(r.userIds()) || Pojos.present(r.userGroups())) {
            boolean add = !"remove".equals(r.operationTypeAsString());
            if (Pojos.present(r.userIds())) {
                r.userIds().forEach(u -> {
                    if (add) {
                        image.launchPermissionUsers.add(u);
                    } else {
                        image.launchPermissionUsers.remove(u);
                    }
                });
            }
            if (Pojos.present(r.userGroups()) && r.userGroups().contains("all")) {
                image.isPublic = add;
            }
        }
        return ModifyImageAttributeResponse.builder().build();
    }

    public DescribeImageAttributeResponse handle(DescribeImageAttributeRequest r, RequestContext context) {
        Image image = ec2(context).image(r.imageId());
        var b = DescribeImageAttributeResponse.builder().imageId(image.id);
        switch (r.attributeAsString()) {
            case "launchPermission" -> {
                List<LaunchPermission> permissions = new ArrayList<>();
                if (image.isPublic) {
                    permissions.add(LaunchPermission.builder().group("all").build());
                }
                image.launchPermissionUsers.forEach(u -> permissions.add(LaunchPermission.builder().userId(u).build()));
                b.launchPermissions(permissions);
            }
            case "description" -> b.description(AttributeValue.builder().value(image.description).build());
            case "lastLaunchedTime", "bootMode", "sriovNetSupport", "kernel", "ramdisk", "productCodes", "blockDeviceMapping",
                    "imdsSupport", "tpmSupport", "uefiData", "deregistrationProtection" -> { }
            default -> throw SimError.client("InvalidParameterValue", "Value (" + r.attributeAsString() + ") for parameter attribute is invalid.");
        }
        return b.build();
    }

    public EnableImageDeprecationResponse handle(EnableImageDeprecationRequest r, RequestContext context) {
        Image image = ec2(context).image(r.imageId());
        image.deprecationTime = r.deprecateAt();
        return EnableImageDeprecationResponse.builder().returnValue(true).build();
    }

    public DisableImageDeprecationResponse handle(DisableImageDeprecationRequest r, RequestContext context) {
        ec2(context).image(r.imageId()).deprecationTime = null;
        return DisableImageDeprecationResponse.builder().returnValue(true).build();
    }

    public CreateSnapshotResponse handle(CreateSnapshotRequest r, RequestContext context) {
        Snapshot s = ec2(context).createSnapshot(r.volumeId(), r.description(), LaunchSpecs.tagsFor(r.tagSpecifications(), "snapshot"));
        return CreateSnapshotResponse.builder().snapshotId(s.id).volumeId(s.volumeId).state(s.state).startTime(s.startTime)
                .progress(s.progress(cloud.now())).ownerId(s.ownerId).description(s.description).volumeSize(s.volumeSize)
                .encrypted(false).tags(Ec2Views.tags(s.tags)).build();
    }

    public DescribeSnapshotsResponse handle(DescribeSnapshotsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        String account = cloud.identity(context.accessKeyId()).account();
        boolean byId = Pojos.present(r.snapshotIds()) && !r.snapshotIds().isEmpty();
        Collection<Snapshot> candidates = byId ? r.snapshotIds().stream().map(ec2::snapshot).toList() : ec2.snapshots().values();
        List<Snapshot> selected = new ArrayList<>();
        for (Snapshot s : candidates) {
            if (Pojos.present(r.ownerIds()) && !r.ownerIds().isEmpty()
                    && r.ownerIds().stream().noneMatch(o -> o.equals(s.ownerId) || o.equals("self") && s.ownerId.equals(account))) {
                continue;
            }
            if (Ec2Filters.matches(r.filters(), s.tags, name -> switch (name) {
                case "status" -> List.of(s.state);
                case "snapshot-id" -> List.of(s.id);
                case "volume-id" -> List.of(s.volumeId);
                case "owner-id" -> List.of(s.ownerId);
                case "description" -> List.of(s.description == null ? "" : s.description);
                case "progress" -> List.of(s.progress(cloud.now()));
                default -> null;
            })) {
                selected.add(s);
            }
        }
        Paging<Snapshot> page = Paging.page(selected, r.maxResults(), r.nextToken(), 1000,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeSnapshotsResponse.builder()
                .snapshots(page.items().stream().map(s -> Ec2Views.snapshot(s, cloud.now())).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteSnapshotResponse handle(DeleteSnapshotRequest r, RequestContext context) {
        ec2(context).deleteSnapshot(r.snapshotId());
        return DeleteSnapshotResponse.builder().build();
    }

    public ModifySnapshotAttributeResponse handle(ModifySnapshotAttributeRequest r, RequestContext context) {
        Snapshot s = ec2(context).snapshot(r.snapshotId());
        boolean add = !"remove".equals(r.operationTypeAsString());
        if (r.createVolumePermission() != null) {
            if (Pojos.present(r.createVolumePermission().add())) {
                for (CreateVolumePermission p : r.createVolumePermission().add()) {
                    if (p.userId() != null) {
                        s.createVolumeUsers.add(p.userId());
                    } else if ("all".equals(p.groupAsString())) {
                        s.createVolumePublic = true;
                    }
                }
            }
            if (Pojos.present(r.createVolumePermission().remove())) {
                for (CreateVolumePermission p : r.createVolumePermission().remove()) {
                    if (p.userId() != null) {
                        s.createVolumeUsers.remove(p.userId());
                    } else if ("all".equals(p.groupAsString())) {
                        s.createVolumePublic = false;
                    }
                }
            }
        }
        if (Pojos.present(r.userIds())) {
            r.userIds().forEach(u -> {
                if (add) {
                    s.createVolumeUsers.add(u);
                } else {
                    s.createVolumeUsers.remove(u);
                }
            });
        }
        return ModifySnapshotAttributeResponse.builder().build();
    }

    public DescribeSnapshotAttributeResponse handle(DescribeSnapshotAttributeRequest r, RequestContext context) {
        Snapshot s = ec2(context).snapshot(r.snapshotId());
        List<CreateVolumePermission> permissions = new ArrayList<>();
        if (s.createVolumePublic) {
            permissions.add(CreateVolumePermission.builder().group("all").build());
        }
        s.createVolumeUsers.forEach(u -> permissions.add(CreateVolumePermission.builder().userId(u).build()));
        return DescribeSnapshotAttributeResponse.builder().snapshotId(s.id).createVolumePermissions(permissions).build();
    }
}
