package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.aws.AwsSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/** Launch template versions: resolving what a group runs, checking a target, making the version with a new image. */
final class TemplateVersions {

    private TemplateVersions() {}

    /** One version of {@code template} as EC2 describes it ({@code version} may be an alias). */
    static LaunchTemplateVersion describe(AwsSession aws, LaunchTemplateRef template, String version) {
        DescribeLaunchTemplateVersionsRequest.Builder request = DescribeLaunchTemplateVersionsRequest.builder().versions(version);
        if (template.id() != null) {
            request.launchTemplateId(template.id());
        } else {
            request.launchTemplateName(template.name());
        }
        List<LaunchTemplateVersion> versions;
        try {
            versions = aws.ec2().describeLaunchTemplateVersions(request.build()).launchTemplateVersions();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidLaunchTemplate")) {
                throw new OperationFailedException("Launch template " + name(template) + " has no version " + version
                        + " (EC2 said: " + e.awsErrorDetails().errorMessage() + ").", e);
            }
            throw e;
        }
        if (versions.isEmpty()) {
            throw new OperationFailedException("Launch template " + name(template) + " has no version " + version + ".");
        }
        return versions.get(0);
    }

    /** Fails unless {@code amiId} is an available image in this region. */
    static void requireImage(AwsSession aws, String amiId) {
        List<Image> images;
        try {
            images = aws.ec2().describeImages(r -> r.imageIds(amiId)).images();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidAMIID")) {
                images = List.of();
            } else {
                throw e;
            }
        }
        if (images.isEmpty()) {
            throw new OperationFailedException("AMI " + amiId + " does not exist in " + aws.region()
                    + " or is not shared with this account.");
        }
        String state = images.get(0).stateAsString();
        if (!"available".equals(state)) {
            throw new OperationFailedException("AMI " + amiId + " is " + state + ", not available: wait until it is available.");
        }
    }

    /**
     * Creates the version with only the image changed, from {@code plan.previousVersion()}. The client token makes a
     * replayed call return the version the first call made.
     */
    static long create(AwsSession aws, TemplatePlan plan, String description) {
        LaunchTemplateRef template = plan.template();
        CreateLaunchTemplateVersionResponse response = aws.ec2().createLaunchTemplateVersion(r -> {
            if (template.id() != null) {
                r.launchTemplateId(template.id());
            } else {
                r.launchTemplateName(template.name());
            }
            r.sourceVersion(plan.previousVersion())
                    .versionDescription(description)
                    .clientToken(plan.clientToken())
                    .launchTemplateData(d -> d.imageId(plan.newImageId()));
        });
        if (response.warning() != null && response.warning().hasErrors() && !response.warning().errors().isEmpty()) {
            throw new OperationFailedException("EC2 created launch template version "
                    + response.launchTemplateVersion().versionNumber() + " of " + name(template) + " with a warning: "
                    + response.warning().errors().get(0).message());
        }
        return response.launchTemplateVersion().versionNumber();
    }

    /**
     * The token for CreateLaunchTemplateVersion: the same for every replay of this rollout (derived from the build, the
     * group, the source version, the image and the rollout's start), different for any other rollout.
     */
    static String clientToken(String buildId, String group, LaunchTemplateRef template, String sourceVersion, String amiId,
            java.time.Instant startedAt) {
        String identity = String.join("|", buildId, group, String.valueOf(template.id()), String.valueOf(template.name()),
                sourceVersion, amiId, startedAt.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "awsAsgRollout-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** {@code awsAsgRollout web-deploy #12: ImageId ami-0new from version 6}, at most 255 characters. */
    static String versionDescription(String buildId, TemplatePlan plan) {
        String text = "awsAsgRollout" + (buildId.isBlank() ? "" : " " + buildId) + ": ImageId " + plan.newImageId()
                + " from version " + plan.previousVersion();
        return text.length() <= 255 ? text : text.substring(0, 255);
    }

    static String name(LaunchTemplateRef template) {
        return template.name() != null ? template.name() : template.id();
    }

    static @CheckForNull String imageOf(LaunchTemplateVersion version) {
        return version.launchTemplateData() == null ? null : version.launchTemplateData().imageId();
    }
}
