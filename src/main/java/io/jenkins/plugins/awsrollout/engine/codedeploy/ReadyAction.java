package io.jenkins.plugins.awsrollout.engine.codedeploy;

/** What to do when a blue/green deployment waits in {@code Ready} for traffic to be rerouted ({@code onReady}). */
public enum ReadyAction {
    /** Keep following: someone continues it in AWS, or it stops when the group's ready wait time is over. */
    WAIT,
    /** ContinueDeployment at once and follow it to the end. */
    CONTINUE,
    /** Return with status {@code Ready}; a later call with {@code continueDeployment} continues and follows it. */
    RETURN
}
