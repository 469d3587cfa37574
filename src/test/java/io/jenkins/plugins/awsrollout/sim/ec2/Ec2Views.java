package io.jenkins.plugins.awsrollout.sim.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.StateReason;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Renders simulator resources as the SDK model shapes EC2 returns. */
final class Ec2Views {
    private Ec2Views() {}

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static InstanceState state(Instance instance) {
        return InstanceState.builder().code(instance.stateCode()).name(instance.state()).build();
    }

    static software.amazon.awssdk.services.ec2.model.Instance instance(Ec2Region ec2, Instance i) {
        String dns = "ip-" + i.privateIp.replace('.', '-') + (i.region.equals("us-east-1") ? ".ec2.internal" : "." + i.region + ".compute.internal");
        var builder = software.amazon.awssdk.services.ec2.model.Instance.builder()
                .instanceId(i.id)
                .imageId(i.imageId())
                .state(state(i))
                .privateDnsName(i.terminatedOrGoing() ? "" : dns)
                .publicDnsName("")
                .stateTransitionReason(i.transitionReason)
                .keyName(i.spec.keyName())
                .amiLaunchIndex(i.launchIndex)
                .instanceType(i.instanceType())
                .launchTime(i.launchTime)
                .placement(Placement.builder().availabilityZone(i.availabilityZone).tenancy("default").groupName("").build())
                .monitoring(Monitoring.builder().state("disabled").build())
                .subnetId(i.subnetId)
                .vpcId(i.vpcId)
                .privateIpAddress(i.privateIp)
                .architecture("x86_64")
                .rootDeviceType("ebs")
                .rootDeviceName("/dev/xvda")
                .virtualizationType("hvm")
                .hypervisor("xen")
                .clientToken(i.spec.clientToken() == null ? "" : i.spec.clientToken())
                .tags(tags(i.tags))
                .securityGroups(i.securityGroupIds().stream().map(id -> {
                    SecurityGroup group = ec2.securityGroups().get(id);
                    return GroupIdentifier.builder().groupId(id).groupName(group == null ? id : group.name).build();
                }).toList())
                .blockDeviceMappings(i.spec.blockDevices().keySet().stream().limit(1).map(device ->
                        InstanceBlockDeviceMapping.builder().deviceName(device).ebs(EbsInstanceBlockDevice.builder()
                                .volumeId(i.rootVolumeId).status(i.terminatedOrGoing() ? "detaching" : "attached")
                                .attachTime(i.launchTime).deleteOnTermination(true).build()).build()).toList())
                .metadataOptions(i.metadataOptions());
        if (i.stateReasonCode != null) {
            builder.stateReason(StateReason.builder().code(i.stateReasonCode).message(i.stateReasonMessage).build());
        }
        if (i.spec.iamInstanceProfileArn() != null) {
            builder.iamInstanceProfile(IamInstanceProfile.builder().arn(i.spec.iamInstanceProfileArn())
                    .id("AIPA" + Integer.toHexString(i.spec.iamInstanceProfileArn().hashCode()).toUpperCase()).build());
        }
        return builder.build();
    }

    static software.amazon.awssdk.services.ec2.model.Image image(Image image, Instant now, Map<String, Snapshot> snapshots) {
        var builder = software.amazon.awssdk.services.ec2.model.Image.builder()
                .imageId(image.id)
                .imageLocation(image.ownerId + "/" + image.name)
                .state(image.state)
                .ownerId(image.ownerId)
                .creationDate(io.jenkins.plugins.awsrollout.sim.protocol.WireValues.iso(image.creationDate))
                .publicLaunchPermissions(image.isPublic)
                .architecture(image.architecture)
                .imageType("machine")
                .name(image.name)
                .description(image.description)
                .rootDeviceType("ebs")
                .rootDeviceName("/dev/xvda")
                .virtualizationType("hvm")
                .hypervisor("xen")
                .enaSupport(true)
                .platformDetails("Linux/UNIX")
                .usageOperation("RunInstances")
                .sourceInstanceId(image.sourceInstanceId)
                .tags(tags(image.tags))
                .blockDeviceMappings(image.devices.stream().map(d -> BlockDeviceMapping.builder().deviceName(d.deviceName())
                        .ebs(EbsBlockDevice.builder().snapshotId(d.snapshotId()).volumeSize(d.volumeSize()).volumeType("gp3")
                                .deleteOnTermination(true).encrypted(false).build()).build()).toList());
        if (image.ownerAlias != null) {
            builder.imageOwnerAlias(image.ownerAlias);
        }
        if (image.deprecationTime != null) {
            builder.deprecationTime(io.jenkins.plugins.awsrollout.sim.protocol.WireValues.iso(image.deprecationTime));
        }
        if (image.state.equals("failed")) {
            builder.stateReason(StateReason.builder().code("Server.InternalError").message("Server.InternalError").build());
        }
        return builder.build();
    }

    static software.amazon.awssdk.services.ec2.model.Snapshot snapshot(Snapshot s, Instant now) {
        return software.amazon.awssdk.services.ec2.model.Snapshot.builder()
                .snapshotId(s.id)
                .volumeId(s.volumeId)
                .state(s.state)
                .startTime(s.startTime)
                .progress(s.progress(now))
                .ownerId(s.ownerId)
                .description(s.description)
                .volumeSize(s.volumeSize)
                .encrypted(false)
                .storageTier("standard")
                .tags(tags(s.tags))
                .build();
    }
}
