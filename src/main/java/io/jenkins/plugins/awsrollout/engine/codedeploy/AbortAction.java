package io.jenkins.plugins.awsrollout.engine.codedeploy;

/** What happens to the deployment when the build is aborted or the step times out ({@code onAbort}). */
public enum AbortAction {
    /** StopDeployment with automatic rollback: the instances go back to the last good revision. */
    STOP,
    /** Leave the deployment running in AWS; the step still fails. */
    LEAVE
}
