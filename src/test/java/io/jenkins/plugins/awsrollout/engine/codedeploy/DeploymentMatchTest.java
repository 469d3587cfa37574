package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

class DeploymentMatchTest {

    private static final RevisionLocation OURS = new S3Bundle("deploy-bundles", "web/2.0.zip", "zip", "v2", "abc").toLocation();

    private static DeploymentInfo info(String creator, String description, RevisionLocation revision) {
        return DeploymentInfo.builder().deploymentId("d-AAAAAAAAA").creator(creator).description(description).revision(revision).build();
    }

    @Test
    void isOurs_sameCreatorDescriptionAndRevision() {
        assertThat(DeploymentMatch.isOurs(info("user", "Jenkins web #7", OURS), "Jenkins web #7", OURS)).isTrue();
        // AWS may leave out the version or quote the ETag.
        RevisionLocation echoed = new S3Bundle("deploy-bundles", "web/2.0.zip", "zip", null, "\"abc\"").toLocation();
        assertThat(DeploymentMatch.isOurs(info("user", "Jenkins web #7", echoed), "Jenkins web #7", OURS)).isTrue();
    }

    @Test
    void isOurs_notWhenAnythingDiffers() {
        assertThat(DeploymentMatch.isOurs(info("codeDeployRollback", "Jenkins web #7", OURS), "Jenkins web #7", OURS)).isFalse();
        assertThat(DeploymentMatch.isOurs(info("user", "Jenkins web #8", OURS), "Jenkins web #7", OURS)).isFalse();
        RevisionLocation other = new S3Bundle("deploy-bundles", "web/1.0.zip", "zip", null, null).toLocation();
        assertThat(DeploymentMatch.isOurs(info("user", "Jenkins web #7", other), "Jenkins web #7", OURS)).isFalse();
        RevisionLocation otherVersion = new S3Bundle("deploy-bundles", "web/2.0.zip", "zip", "v1", null).toLocation();
        assertThat(DeploymentMatch.isOurs(info("user", "Jenkins web #7", otherVersion), "Jenkins web #7", OURS)).isFalse();
    }
}
