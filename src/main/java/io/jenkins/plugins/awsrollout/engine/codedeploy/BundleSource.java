package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.IOException;
import java.io.Serializable;

/**
 * Files to deploy that live in a build's workspace, wherever that is. The Jenkins side packs them where they are
 * (on the agent) and hands back the bytes; the upload to S3 happens on the controller, so credentials never reach
 * the agent. Implementations hold no file contents and no secret: they are saved with the operation.
 */
public interface BundleSource extends Serializable {

    /** For log lines: {@code 'build/deploy' in the workspace}. */
    String describe();

    /** Packs the files now. A missing workspace or path fails with a sentence naming it. */
    Bundle pack() throws IOException, InterruptedException;
}
