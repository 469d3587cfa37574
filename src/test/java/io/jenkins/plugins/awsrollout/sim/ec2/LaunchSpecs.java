package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecification;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Builds a {@link LaunchSpec} the way EC2 does: launch template data first, then whatever the
 * request itself sets.
 */
public final class LaunchSpecs {
    String imageId;
    String instanceType;
    String subnetId;
    List<String> securityGroupIds = new ArrayList<>();
    String keyName;
    String userData;
    String iamInstanceProfileArn;
    InstanceMetadataOptionsResponse metadataOptions;
    Map<String, Integer> blockDevices = new LinkedHashMap<>();
    LaunchSpec.RootEncryption rootEncryption = LaunchSpec.RootEncryption.NONE;
    Map<String, String> tags = new LinkedHashMap<>();
    Map<String, String> volumeTags = new LinkedHashMap<>();
    String launchTemplateId;
    String launchTemplateName;
    String launchTemplateVersion;
    String clientToken;
    String availabilityZone;

    private final Ec2Region ec2;
    private final String accountId;

    public LaunchSpecs(Ec2Region ec2, String accountId) {
        this.ec2 = ec2;
        this.accountId = accountId;
    }

    /** Starts from a launch template version. */
    public LaunchSpecs template(LaunchTemplate template, LaunchTemplate.Version version) {
        launchTemplateId = template.id;
        launchTemplateName = template.name;
        launchTemplateVersion = Long.toString(version.number());
        ResponseLaunchTemplateData data = version.data();
        imageId = data.imageId();
        instanceType = data.instanceTypeAsString();
        keyName = data.keyName();
        userData = data.userData();
        if (Pojos.present(data.securityGroupIds())) {
            securityGroupIds.addAll(data.securityGroupIds());
        }
        if (Pojos.present(data.securityGroups())) {
            for (String name : data.securityGroups()) {
                securityGroupIds.add(ec2.securityGroup(name).id);
            }
        }
        if (data.iamInstanceProfile() != null) {
            iamInstanceProfileArn = profileArn(data.iamInstanceProfile().arn(), data.iamInstanceProfile().name());
        }
        if (data.metadataOptions() != null) {
            metadataOptions = Pojos.convert(data.metadataOptions(), InstanceMetadataOptionsResponse::builder);
        }
        if (Pojos.present(data.blockDeviceMappings())) {
            for (LaunchTemplateBlockDeviceMapping mapping : data.blockDeviceMappings()) {
                Integer size = mapping.ebs() == null ? null : mapping.ebs().volumeSize();
                blockDevices.put(mapping.deviceName(), size == null ? 8 : size);
                if (mapping.ebs() != null && Boolean.TRUE.equals(mapping.ebs().encrypted()) && blockDevices.size() == 1) {
                    rootEncryption = new LaunchSpec.RootEncryption(true, mapping.ebs().kmsKeyId());
                }
            }
        }
        if (Pojos.present(data.tagSpecifications())) {
            for (LaunchTemplateTagSpecification spec : data.tagSpecifications()) {
                Map<String, String> target = "volume".equals(spec.resourceTypeAsString()) ? volumeTags
                        : "instance".equals(spec.resourceTypeAsString()) ? tags : null;
                if (target != null && Pojos.present(spec.tags())) {
                    spec.tags().forEach(t -> target.put(t.key(), t.value()));
                }
            }
        }
        if (data.placement() != null) {
            availabilityZone = data.placement().availabilityZone();
        }
        if (Pojos.present(data.networkInterfaces()) && !data.networkInterfaces().isEmpty()) {
            var nic = data.networkInterfaces().get(0);
            subnetId = nic.subnetId() != null ? nic.subnetId() : subnetId;
            if (Pojos.present(nic.groups())) {
                securityGroupIds.addAll(nic.groups());
            }
        }
        return this;
    }

    /** Applies what a RunInstances request sets on top of the template. */
    public LaunchSpecs request(RunInstancesRequest r) {
        imageId = r.imageId() != null ? r.imageId() : imageId;
        instanceType = r.instanceTypeAsString() != null ? r.instanceTypeAsString() : instanceType;
        subnetId = r.subnetId() != null ? r.subnetId() : subnetId;
        keyName = r.keyName() != null ? r.keyName() : keyName;
        userData = r.userData() != null ? r.userData() : userData;
        clientToken = r.clientToken();
        if (Pojos.present(r.securityGroupIds()) && !r.securityGroupIds().isEmpty()) {
            securityGroupIds = new ArrayList<>(r.securityGroupIds());
        }
        if (Pojos.present(r.securityGroups())) {
            for (String name : r.securityGroups()) {
                securityGroupIds.add(ec2.securityGroup(name).id);
            }
        }
        if (r.iamInstanceProfile() != null) {
            iamInstanceProfileArn = profileArn(r.iamInstanceProfile().arn(), r.iamInstanceProfile().name());
        }
        if (r.metadataOptions() != null) {
            metadataOptions = Pojos.convert(r.metadataOptions(), InstanceMetadataOptionsResponse::builder);
        }
        if (Pojos.present(r.blockDeviceMappings())) {
            r.blockDeviceMappings().forEach(m -> blockDevices.put(m.deviceName(),
                    m.ebs() == null || m.ebs().volumeSize() == null ? 8 : m.ebs().volumeSize()));
            var root = r.blockDeviceMappings().get(0).ebs();
            if (root != null && root.kmsKeyId() != null && !Boolean.TRUE.equals(root.encrypted())) {
                throw io.jenkins.plugins.awsrollout.sim.protocol.SimError.client("InvalidParameterDependency",
                        "The parameter KmsKeyId requires the parameter Encrypted to be set.");
            }
            if (root != null && Boolean.TRUE.equals(root.encrypted())) {
                rootEncryption = new LaunchSpec.RootEncryption(true, root.kmsKeyId());
            }
        }
        if (r.placement() != null && r.placement().availabilityZone() != null) {
            availabilityZone = r.placement().availabilityZone();
        }
        if (Pojos.present(r.tagSpecifications())) {
            for (TagSpecification spec : r.tagSpecifications()) {
                if ("instance".equals(spec.resourceTypeAsString())) {
                    spec.tags().forEach(t -> tags.put(t.key(), t.value()));
                } else if ("volume".equals(spec.resourceTypeAsString())) {
                    spec.tags().forEach(t -> volumeTags.put(t.key(), t.value()));
                }
            }
        }
        return this;
    }

    /** Adds tags (Auto Scaling's group tags and {@code aws:autoscaling:groupName}). */
    public LaunchSpecs tags(Map<String, String> extra) {
        tags.putAll(extra);
        return this;
    }

    public LaunchSpecs subnet(String subnet) {
        if (subnet != null) {
            subnetId = subnet;
        }
        return this;
    }

    public LaunchSpecs instanceType(String type) {
        if (type != null) {
            instanceType = type;
        }
        return this;
    }

    public LaunchSpecs userData(String base64) {
        if (base64 != null) {
            userData = base64;
        }
        return this;
    }

    public LaunchSpecs imageId(String image) {
        if (image != null) {
            imageId = image;
        }
        return this;
    }

    public LaunchSpec build() {
        if (securityGroupIds.isEmpty()) {
            securityGroupIds.add(ec2.defaultSecurityGroupId());
        }
        if (blockDevices.isEmpty()) {
            blockDevices.put("/dev/xvda", 8);
        }
        InstanceMetadataOptionsResponse metadata = InstanceMetadataOptionsResponse.builder()
                .state("applied")
                .httpTokens(metadataOptions == null || metadataOptions.httpTokensAsString() == null ? "optional"
                        : metadataOptions.httpTokensAsString())
                .httpPutResponseHopLimit(metadataOptions == null || metadataOptions.httpPutResponseHopLimit() == null ? 1
                        : metadataOptions.httpPutResponseHopLimit())
                .httpEndpoint(metadataOptions == null || metadataOptions.httpEndpointAsString() == null ? "enabled"
                        : metadataOptions.httpEndpointAsString())
                .instanceMetadataTags(metadataOptions == null || metadataOptions.instanceMetadataTagsAsString() == null
                        ? "disabled" : metadataOptions.instanceMetadataTagsAsString())
                .httpProtocolIpv6("disabled")
                .build();
        return new LaunchSpec(imageId, instanceType == null ? "m1.small" : instanceType, subnetId,
                List.copyOf(new java.util.LinkedHashSet<>(securityGroupIds)), keyName, userData, iamInstanceProfileArn,
                metadata, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blockDevices)), new LinkedHashMap<>(tags), new LinkedHashMap<>(volumeTags), launchTemplateId,
                launchTemplateName, launchTemplateVersion, clientToken, availabilityZone, rootEncryption);
    }

    private String profileArn(String arn, String name) {
        return arn != null ? arn : name == null ? null : "arn:aws:iam::" + accountId + ":instance-profile/" + name;
    }

    /** Tags of a TagSpecification list for one resource type. */
    public static Map<String, String> tagsFor(List<TagSpecification> specs, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (Pojos.present(specs)) {
            for (TagSpecification spec : specs) {
                if (resourceType.equals(spec.resourceTypeAsString()) && Pojos.present(spec.tags())) {
                    for (Tag tag : spec.tags()) {
                        tags.put(tag.key(), tag.value() == null ? "" : tag.value());
                    }
                }
            }
        }
        return tags;
    }
}
