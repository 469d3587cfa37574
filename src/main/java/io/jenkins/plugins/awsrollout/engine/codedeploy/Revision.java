package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.Serializable;

/** What a deployment installs: one of the revision kinds CreateDeployment takes, or a workspace source to upload. */
public sealed interface Revision extends Serializable permits S3Bundle, GitHubCommit, AppSpecText, SourceUpload {

    /** For log lines: {@code s3://deploy-bundles/web/web-1.1.0.zip}. */
    String describe();
}
