package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.util.Objects;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/**
 * Recognises the deployment this step created, when a tick that called CreateDeployment is replayed after a
 * restart: CreateDeployment has no client token, so the step looks among the group's deployments created since it
 * marked the call for one a user created with the same description (which names the build) and the same revision.
 */
final class DeploymentMatch {

    private DeploymentMatch() {}

    static boolean isOurs(DeploymentInfo info, String description, RevisionLocation revision) {
        return "user".equals(info.creatorAsString())
                && description.equals(info.description())
                && sameRevision(info.revision(), revision);
    }

    static boolean sameRevision(RevisionLocation a, RevisionLocation b) {
        if (a == null || b == null || !Objects.equals(a.revisionTypeAsString(), b.revisionTypeAsString())) {
            return false;
        }
        return switch (String.valueOf(a.revisionTypeAsString())) {
            case "S3" -> a.s3Location() != null && b.s3Location() != null
                    && Objects.equals(a.s3Location().bucket(), b.s3Location().bucket())
                    && Objects.equals(a.s3Location().key(), b.s3Location().key())
                    && optionalEqual(a.s3Location().version(), b.s3Location().version())
                    && optionalEqual(a.s3Location().eTag(), b.s3Location().eTag());
            case "GitHub" -> a.gitHubLocation() != null && b.gitHubLocation() != null
                    && Objects.equals(a.gitHubLocation().repository(), b.gitHubLocation().repository())
                    && Objects.equals(a.gitHubLocation().commitId(), b.gitHubLocation().commitId());
            case "AppSpecContent" -> a.appSpecContent() != null && b.appSpecContent() != null
                    && Objects.equals(a.appSpecContent().content(), b.appSpecContent().content());
            default -> Objects.equals(a, b);
        };
    }

    /** Equal, or one side does not say. */
    private static boolean optionalEqual(String a, String b) {
        return a == null || b == null || a.replace("\"", "").equals(b.replace("\"", ""));
    }
}
