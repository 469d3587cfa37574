package io.jenkins.plugins.awsrollout.sim.ec2;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

/**
 * Everything an instance is launched with, after a launch template and the request's own
 * parameters are merged.
 *
 * @param userData base64 user data, or null
 * @param tags tags for the instance
 * @param volumeTags tags for its volumes
 * @param blockDevices block devices (root first) as device name to size in GiB
 * @param rootEncryption the root volume's Ebs Encrypted/KmsKeyId (an encrypted image's snapshot encrypts it anyway)
 */
public record LaunchSpec(
        String imageId,
        String instanceType,
        String subnetId,
        List<String> securityGroupIds,
        String keyName,
        String userData,
        String iamInstanceProfileArn,
        InstanceMetadataOptionsResponse metadataOptions,
        Map<String, Integer> blockDevices,
        Map<String, String> tags,
        Map<String, String> volumeTags,
        String launchTemplateId,
        String launchTemplateName,
        String launchTemplateVersion,
        String clientToken,
        String availabilityZone,
        RootEncryption rootEncryption) {

    /** The root volume's encryption as asked: {@code encrypted} with a KMS key id (null: the default EBS key). */
    public record RootEncryption(boolean encrypted, String kmsKeyId) {
        static final RootEncryption NONE = new RootEncryption(false, null);
    }
}
