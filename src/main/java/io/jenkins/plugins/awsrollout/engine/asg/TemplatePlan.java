package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;

/**
 * The launch template change of a rollout: the version the group runs now (resolved to a number) and the version it
 * ends on, which is either an existing number or a new version made from the current one with only the image
 * changed.
 *
 * @param template the group's launch template (as the group names it)
 * @param previousVersion the version the group runs now, as a number ({@code $Latest}/{@code $Default} resolved)
 * @param previousImageId the image of that version, or null when unknown
 * @param targetVersion the version to roll out, or null until a new version has been created
 * @param newImageId the image of the new version when one is created, else null
 * @param clientToken the idempotency token for CreateLaunchTemplateVersion, when one is created
 */
public record TemplatePlan(
        LaunchTemplateRef template,
        String previousVersion,
        @CheckForNull String previousImageId,
        @CheckForNull String targetVersion,
        @CheckForNull String newImageId,
        @CheckForNull String clientToken)
        implements Serializable {

    /** Whether a new version is to be (or was) created from the current one. */
    public boolean createsVersion() {
        return newImageId != null;
    }

    /** The target, once known. */
    public LaunchTemplateRef target() {
        if (targetVersion == null) {
            throw new IllegalStateException("the launch template version is not created yet");
        }
        return template.at(targetVersion);
    }

    public LaunchTemplateRef previous() {
        return template.at(previousVersion);
    }

    /** Whether the rollout changes the version at all (a rollback has something to go back to). */
    public boolean changesVersion() {
        return targetVersion == null || !targetVersion.equals(previousVersion);
    }

    public TemplatePlan withTargetVersion(String version) {
        return new TemplatePlan(template, previousVersion, previousImageId, version, newImageId, clientToken);
    }

    /** {@code lt-0abc: version 6 (ami-old) -> new version from 6 with ImageId ami-new}. */
    public String describe() {
        String name = template.name() != null ? template.name() : template.id();
        String from = "version " + previousVersion + (previousImageId == null ? "" : " (" + previousImageId + ")");
        if (createsVersion()) {
            return name + ": " + from + " -> " + (targetVersion == null ? "a new version" : "new version " + targetVersion)
                    + " from " + previousVersion + " with ImageId " + newImageId;
        }
        if (!changesVersion()) {
            return name + ": stays on " + from + " (instances are replaced onto it)";
        }
        return name + ": " + from + " -> version " + targetVersion;
    }
}
