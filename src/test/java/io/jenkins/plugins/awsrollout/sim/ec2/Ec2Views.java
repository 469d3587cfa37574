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
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
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
                .metadataOptions(i.metadataOptions())
                .networkInterfaces(i.state().equals("terminated") ? List.of() : List.of(networkInterface(ec2, i, dns)))
                .sourceDestCheck(true)
                .ebsOptimized(false)
                .enaSupport(true);
        if (i.stateReasonCode != null) {
            builder.stateReason(StateReason.builder().code(i.stateReasonCode).message(i.stateReasonMessage).build());
        }
        if (i.spec.iamInstanceProfileArn() != null) {
            builder.iamInstanceProfile(IamInstanceProfile.builder().arn(i.spec.iamInstanceProfileArn())
                    .id("AIPA" + Integer.toHexString(i.spec.iamInstanceProfileArn().hashCode()).toUpperCase()).build());
        }
        return builder.build();
    }

    /**
     * The primary network interface every VPC instance has (ids derived from the instance's, so stable): clients such as
     * Ansible's elb_target_info read private addresses from it.
     */
    static InstanceNetworkInterface networkInterface(Ec2Region ec2, Instance i, String dns) {
        String suffix = i.id.substring(2);
        String mac = "0e:" + suffix.substring(0, 2) + ":" + suffix.substring(2, 4) + ":" + suffix.substring(4, 6) + ":"
                + suffix.substring(6, 8) + ":" + (suffix.length() > 9 ? suffix.substring(8, 10) : "00");
        List<GroupIdentifier> groups = i.securityGroupIds().stream().map(id -> {
            SecurityGroup group = ec2.securityGroups().get(id);
            return GroupIdentifier.builder().groupId(id).groupName(group == null ? id : group.name).build();
        }).toList();
        return InstanceNetworkInterface.builder()
                .networkInterfaceId("eni-" + suffix)
                .attachment(InstanceNetworkInterfaceAttachment.builder().attachmentId("eni-attach-" + suffix).attachTime(i.launchTime)
                        .deleteOnTermination(true).deviceIndex(0).networkCardIndex(0).status(i.terminatedOrGoing() ? "detaching" : "attached")
                        .build())
                .description("")
                .groups(groups)
                .ipv6Addresses(List.of())
                .macAddress(mac)
                .ownerId(ec2.accountId())
                .privateDnsName(dns)
                .privateIpAddress(i.privateIp)
                .privateIpAddresses(InstancePrivateIpAddress.builder().primary(true).privateDnsName(dns).privateIpAddress(i.privateIp).build())
                .sourceDestCheck(true)
                .status("in-use")
                .subnetId(i.subnetId)
                .vpcId(i.vpcId)
                .interfaceType("interface")
                .build();
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
                .blockDeviceMappings(image.devices.stream().map(d -> {
                    Snapshot snapshot = snapshots.get(d.snapshotId());
                    String key = snapshot == null ? null : snapshot.kmsKeyId;
                    return BlockDeviceMapping.builder().deviceName(d.deviceName())
                            .ebs(EbsBlockDevice.builder().snapshotId(d.snapshotId()).volumeSize(d.volumeSize()).volumeType("gp3")
                                    .deleteOnTermination(true).encrypted(key != null).kmsKeyId(key).build()).build();
                }).toList());
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
                .encrypted(s.kmsKeyId != null)
                .kmsKeyId(s.kmsKeyId)
                .storageTier("standard")
                .tags(tags(s.tags))
                .build();
    }
}
