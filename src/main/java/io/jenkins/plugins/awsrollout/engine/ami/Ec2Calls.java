package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.AwsFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The EC2 requests and error checks several bake phases share. */
final class Ec2Calls {

    private Ec2Calls() {}

    /** The error code of an AWS error anywhere in {@code error}'s causes, or null. */
    static @CheckForNull String errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                return aws.awsErrorDetails().errorCode();
            }
        }
        return null;
    }

    static boolean hasCode(Throwable error, String... codes) {
        String code = errorCode(error);
        return code != null && Arrays.asList(codes).contains(code);
    }

    /** Rethrows throttling and transient errors, so that the driver backs off and the tick is tried again. */
    static void rethrowIfRetryable(RuntimeException error) {
        if (AwsFailure.of(error).retryable()) {
            throw error;
        }
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static TagSpecification tagSpecification(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags(tags)).build();
    }

    /** The image, or empty when EC2 does not know it (yet: a new AMI takes a moment to be visible). */
    static Optional<Image> image(Ec2Client ec2, String imageId) {
        try {
            return ec2.describeImages(r -> r.imageIds(imageId)).images().stream().findFirst();
        } catch (AwsServiceException e) {
            if (hasCode(e, "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The account's own AMI named {@code name}, if any (names are unique per account and region). */
    static Optional<Image> ownImageNamed(Ec2Client ec2, String name) {
        return ec2.describeImages(r -> r.owners("self").filters(filter("name", name))).images().stream()
                .filter(i -> name.equals(i.name()))
                .findFirst();
    }

    static List<String> snapshotIds(Image image) {
        return image.blockDeviceMappings().stream()
                .map(BlockDeviceMapping::ebs)
                .filter(ebs -> ebs != null && ebs.snapshotId() != null)
                .map(ebs -> ebs.snapshotId())
                .toList();
    }

    /**
     * Deregisters {@code imageId} and deletes {@code snapshotIds}; what is already gone counts as done.
     *
     * @return the snapshots deleted
     */
    static List<String> deregister(Ec2Client ec2, String imageId, List<String> snapshotIds) {
        try {
            ec2.deregisterImage(r -> r.imageId(imageId));
        } catch (AwsServiceException e) {
            if (!hasCode(e, "InvalidAMIID.NotFound", "InvalidAMIID.Unavailable")) {
                throw e;
            }
        }
        for (String snapshotId : snapshotIds) {
            try {
                ec2.deleteSnapshot(r -> r.snapshotId(snapshotId));
            } catch (AwsServiceException e) {
                if (!hasCode(e, "InvalidSnapshot.NotFound")) {
                    throw e;
                }
            }
        }
        return snapshotIds;
    }
}
